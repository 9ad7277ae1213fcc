#!/usr/bin/env bash
# c99-run-check.sh <runtime-include> '<cc> <cc>...' <source.c> <generated.h> [extra flags]
# Compiles a C test with its own check main (GRADC_CHECK_MAIN) and the
# generated header as strict C99 with each compiler, and runs each build.
set -euo pipefail
inc=$1 ccs=$2 src=$3 hdr=$4
shift 4
for cc in $ccs; do
  exe="${hdr%.h}.$(basename "$cc").check"
  "$cc" -std=c99 -pedantic -Wall -Wextra -Werror -O1 -I"$inc" -DGRADC_CHECK_MAIN "-DGRADC_GRAD_HEADER=\"$hdr\"" "$@" \
    "$src" -o "$exe" -lm
  echo "$(basename "$cc"):"
  "$exe"
done
