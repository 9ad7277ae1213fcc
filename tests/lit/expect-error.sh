#!/usr/bin/env bash
# Runs a command that must fail with exit status 1 (a user error, not a
# crash), printing its stderr to stdout for FileCheck.
"$@" 2>&1
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "expect-error: expected exit status 1, got $rc" >&2
  exit 1
fi
exit 0
