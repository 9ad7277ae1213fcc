#!/usr/bin/env bash
# cxx-check.sh <g++> <clang++> <runtime-include> <header> [extra flags]
# The generated header must compile on its own, warning-free, with both (and
# float code must stay float: -Wdouble-promotion).
set -euo pipefail
gxx=$1 clangxx=$2 inc=$3 header=$4
shift 4
# g++ compiles at -O2: -Wmaybe-uninitialized only fires with the optimizer on.
flags=(-std=c++17 -fno-exceptions -fno-rtti -Wall -Wextra -Wdouble-promotion -Werror -I"$inc" "$@")
"$gxx" "${flags[@]}" -O2 -c -o /dev/null -x c++ "$header"
"$clangxx" "${flags[@]}" -fsyntax-only -x c++ "$header"
