#!/usr/bin/env bash
# Usage: run_arrays.sh <gradc> <cxx> <source.cpp> <workdir>
# Runs gradc on an array-corpus file, compiles the file's own checks (the part
# under GRADC_CORPUS_TEST, using arraycheck.hpp) against the generated header
# with <cxx> at -Wall -Wextra -Werror, and runs them. Exits non-zero if any
# step fails or any gradient check fails.
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 <gradc> <cxx> <source.cpp> <workdir>" >&2
  exit 2
fi
gradc=$1 cxx=$2 src=$3 work=$4

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runtime_inc=$(cd "$here/../../runtime/include" && pwd)

name=$(basename "$src" .cpp)
header=$name.grad.hpp
mkdir -p "$work"
rm -f "$work/$header" "$work/$name.test"

step() { echo "+ $*"; "$@"; }

step "$gradc" "$src" -o "$work/$header" -- -std=c++17 "-I$runtime_inc"
step "$cxx" -std=c++17 -O1 -Wall -Wextra -Werror -fno-exceptions -fno-rtti \
  "-I$runtime_inc" "-I$here" "-I$work" \
  -DGRADC_CORPUS_TEST "-DGRADC_GRAD_HEADER=\"$header\"" \
  "$src" -o "$work/$name.test" -lm
step "$work/$name.test"
