#!/usr/bin/env bash
# same_output.sh <host.txt> <board.txt>: the two outputs of train.cpp agree on
# every line that does not start with '#' (the bits of every loss and
# parameter); run by samples/embedded/run_pair.sh as its comparison.
set -uo pipefail
if diff <(grep -v '^#' "$1") <(grep -v '^#' "$2"); then
  echo "same_output: $(grep -vc '^#' "$1") lines, bit-identical"
else
  echo "same_output: host and board differ (above)"
  exit 1
fi
