#!/usr/bin/env bash
# A C-only project (project(... LANGUAGES C)) uses an installed gradc:
# gradc_add_gradient on model.c writes gradc/model.grad.h, C99, parsed with the
# target's C standard (-std=c99); the program checks the gradient against
# central differences and trains with it.
#   c_consumer_test.sh <gradc build dir> <gradc source dir>
source "$(dirname "$0")/common.sh"

install_gradc
cp -r "$src_dir/tests/cmake/c_project" "$tmp/src"
b="$tmp/build"
hdr="$b/gradc/model.grad.h"

step "configure (Ninja), C only"
run "$CMAKE" -S "$tmp/src" -B "$b" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix"

step "build"
run "$CMAKE" --build "$b"
generated || fail "the build did not run gradc"
[[ -f "$hdr" ]] || fail "no $hdr"
grep -q "static inline float logreg_loss_grad(const struct logreg\* m" "$hdr" || fail "$hdr has no C99 logreg_loss_grad"
grep -q "std::" "$hdr" && fail "$hdr is not C: it names std::"
ninja -C "$b" -t commands gradc/model.grad.h | tail -1 >"$tmp/cmd.txt"
cat "$tmp/cmd.txt"
grep -qF -- "-std=c99" "$tmp/cmd.txt" || fail "gradc did not parse model.c with the target's C standard"

step "run"
run "$b/fit"
log_has "fit: ok" || fail "unexpected output"

step "the same C-only project on the board: installed toolchain file, gradc_add_qemu_firmware"
m="$tmp/build-m4"
run "$CMAKE" -S "$tmp/src" -B "$m" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_TOOLCHAIN_FILE="$tmp/prefix/share/gradc/cmake/arm-none-eabi-cortex-m4f.cmake"
compgen -G "$m/CMakeFiles/*/CMakeCXXCompiler.cmake" >/dev/null && fail "a C++ compiler was enabled"
run "$CMAKE" --build "$m"
[[ -f "$m/fit.elf" ]] || fail "no fit.elf"
run "${CMAKE%cmake}ctest" --test-dir "$m" -V
log_has "fit: ok" || fail "the board did not report fit: ok"
log_has "100% tests passed" || fail "the firmware test failed"
echo "PASS"
