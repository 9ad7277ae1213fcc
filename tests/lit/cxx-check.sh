#!/usr/bin/env bash
# cxx-check.sh <g++> <clang++> <runtime-include> <header> [extra flags]
# The generated header must compile on its own, warning-free, with both (and
# float code must stay float: -Wdouble-promotion).
set -euo pipefail
gxx=$1 clangxx=$2 inc=$3 header=$4
shift 4
for cxx in "$gxx" "$clangxx"; do
  "$cxx" -std=c++17 -fno-exceptions -fno-rtti -Wall -Wextra -Wdouble-promotion -Werror -fsyntax-only \
    -I"$inc" "$@" -x c++ "$header"
done
