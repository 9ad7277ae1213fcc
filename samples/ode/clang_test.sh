#!/usr/bin/env bash
# Usage: clang_test.sh <gradc> <clang++> <workdir>
# Builds samples/ode's test with clang++ (the CMake build uses the project's
# one compiler): runs gradc on model.cpp, compiles test.cpp and model.cpp
# against the generated header at -Wall -Wextra -Werror, links GoogleTest, and
# runs the test. Exits non-zero if any step fails.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 <gradc> <clang++> <workdir>" >&2
  exit 2
fi
gradc=$1 cxx=$2 work=$3

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runtime_inc=$(cd "$here/../../runtime/include" && pwd)

mkdir -p "$work"
rm -f "$work/model.grad.hpp" "$work/ode_test"

step() { echo "+ $*"; "$@"; }

step "$gradc" "$here/model.cpp" -o "$work/model.grad.hpp" -- -std=c++17 "-I$runtime_inc"
step "$cxx" -std=c++17 -O2 -Wall -Wextra -Werror "-I$here" "-I$work" "-I$runtime_inc" \
  "$here/test.cpp" "$here/model.cpp" -o "$work/ode_test" -lgtest -lgtest_main -pthread
step "$work/ode_test"
