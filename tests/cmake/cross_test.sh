#!/usr/bin/env bash
# Cross-compiling the sample consumer for a Cortex-M4F with its toolchain file
# (samples/cmake_consumer/cmake/arm-none-eabi.cmake), configure and build only:
# the host gradc runs at build time and parses for the board (target triple,
# -mcpu/-mfpu/-mfloat-abi, the cross compiler's C++ headers), the generated
# header compiles with arm-none-eabi-g++ -Werror, and find_package(gradc) works
# despite CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY.
#   cross_test.sh <gradc build dir> <gradc source dir>
source "$(dirname "$0")/common.sh"

command -v arm-none-eabi-g++ >/dev/null || fail "arm-none-eabi-g++ is missing: run scripts/setup.sh"

install_gradc
copy_consumer "$tmp/src"
toolchain="$tmp/src/cmake/arm-none-eabi.cmake"
b="$tmp/build-m4"

step "configure for Cortex-M4F, find_package(gradc ... NO_CMAKE_FIND_ROOT_PATH) + CMAKE_PREFIX_PATH"
run "$CMAKE" -S "$tmp/src" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_PREFIX_PATH="$tmp/prefix"
log_has "CXX compiler: .*arm-none-eabi-g++" || fail "not configured with arm-none-eabi-g++"

step "build"
run "$CMAKE" --build "$b"
generated || fail "the build did not run gradc"

step "gradc parsed for the board"
ninja -C "$b" -t commands gradc/model.grad.hpp | tail -1 >"$tmp/cmd.txt"
cat "$tmp/cmd.txt"
for want in "$tmp/prefix/bin/gradc " "--target=arm-none-eabi" "-mcpu=cortex-m4" "-mthumb" "-mfloat-abi=hard" \
            "-mfpu=fpv4-sp-d16" "-fno-exceptions" "-fno-rtti" "-isystem " "-DCONSUMER_TEMPERATURE=2.0"; do
  grep -qF -- "$want" "$tmp/cmd.txt" || fail "gradc's command line lacks '$want'"
done
# gradc's depfile names the headers it read: the newlib C++ headers of the
# hard-float ARMv7E-M multilib, no host headers, no GCC builtin headers.
dep="$b/gradc/model.grad.hpp.d"
grep -q "thumb/v7e-m+fp/hard/bits/c++config.h" "$dep" || fail "gradc did not read the board's c++config.h"
grep -q "newlib\|arm-none-eabi/include/math.h" "$dep" || fail "gradc did not read newlib's math.h"
grep -q "x86_64-linux-gnu" "$dep" && fail "gradc read host headers"
grep -q "/lib/gcc/arm-none-eabi" "$dep" && fail "gradc read GCC's builtin headers"

step "the result is a Cortex-M4F hard-float executable"
run arm-none-eabi-readelf -h -A "$b/consumer"
log_has "Machine: *ARM" || fail "not an ARM executable"
log_has "hard-float ABI" || fail "not the hard-float ABI"
log_has "Tag_CPU_name: \"7E-M\"\|Tag_CPU_name: \"Cortex-M4\"" || fail "not built for Cortex-M4"

step "build again: nothing to do"
run "$CMAKE" --build "$b"
log_has "ninja: no work to do" || fail "a second build did work"

step "touch a header model.cpp includes: regenerates"
touch "$tmp/src/include/consumer/config.hpp"
run "$CMAKE" --build "$b"
generated || fail "touching config.hpp did not regenerate"

step "plain find_package(gradc) under the toolchain: needs -Dgradc_DIR"
sed -i 's/find_package(gradc 0.1 REQUIRED NO_CMAKE_FIND_ROOT_PATH)/find_package(gradc 0.1 REQUIRED)/' "$tmp/src/CMakeLists.txt"
grep -q "find_package(gradc 0.1 REQUIRED)" "$tmp/src/CMakeLists.txt" || fail "sed did not change CMakeLists.txt"
# CMAKE_PREFIX_PATH alone is re-rooted into the sysroot and misses gradc ...
if "$CMAKE" -S "$tmp/src" -B "$tmp/build-plain" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
     -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/last.log" 2>&1; then
  fail "expected find_package(gradc) to miss a host prefix under CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY"
fi
log_has 'Could not find a package configuration file provided by "gradc"' || { cat "$tmp/last.log"; fail "configure failed otherwise"; }
echo "(as expected, CMAKE_PREFIX_PATH alone does not find gradc)"
# ... gradc_DIR names the package directly.
rm -rf "$tmp/build-plain"
run "$CMAKE" -S "$tmp/src" -B "$tmp/build-plain" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
  -Dgradc_DIR="$tmp/prefix/lib/cmake/gradc"
run "$CMAKE" --build "$tmp/build-plain"
generated || fail "the build did not run gradc"

echo
echo "PASS"
