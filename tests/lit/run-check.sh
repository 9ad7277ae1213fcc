#!/usr/bin/env bash
# run-check.sh <c++> <runtime-include> [sanitizer flags] <source.cpp> <generated.hpp> [extra flags]
# Compiles the source with its own check main (GRADC_CHECK_MAIN) and the
# generated header, then runs it: a regression test with real numbers.
set -euo pipefail
cxx=$1 inc=$2
shift 2
san=()
while [[ $1 == -f* ]]; do san+=("$1"); shift; done
src=$1 hdr=$2
shift 2
exe="${hdr%.hpp}.check"
"$cxx" -std=c++17 -O1 -Wall -Wextra -Werror -I"$inc" -DGRADC_CHECK_MAIN "-DGRADC_GRAD_HEADER=\"$hdr\"" "${san[@]}" "$@" "$src" -o "$exe"
"$exe"
