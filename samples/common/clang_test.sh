#!/usr/bin/env bash
# Usage: clang_test.sh <gradc> <clang++> <sample dir> <workdir>
# Builds a sample's test with clang++ (the CMake build uses the project's one
# compiler): runs gradc on <sample dir>/model.cpp, compiles test.cpp and
# model.cpp against the generated header at -Wall -Wextra -Werror, links
# GoogleTest, and runs the test. Exits non-zero if any step fails.
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 <gradc> <clang++> <sample dir> <workdir>" >&2
  exit 2
fi
gradc=$1 cxx=$2 sample=$3 work=$4

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
runtime_inc=$root/runtime/include

mkdir -p "$work"
rm -f "$work/model.grad.hpp" "$work/test"

step() { echo "+ $*"; "$@"; }

step "$gradc" "$sample/model.cpp" -o "$work/model.grad.hpp" -- -std=c++17 "-I$runtime_inc"
step "$cxx" -std=c++17 -O2 -Wall -Wextra -Werror \
  "-I$sample" "-I$here" "-I$work" "-I$runtime_inc" \
  "$sample/test.cpp" "$sample/model.cpp" -o "$work/test" -lgtest -lgtest_main -pthread
step "$work/test"
