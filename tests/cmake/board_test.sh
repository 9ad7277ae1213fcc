#!/usr/bin/env bash
# A firmware from an installed gradc alone: the installed toolchain file and
# board support, gradc_add_gradient(... EMIT_CHECK) and gradc_add_qemu_firmware;
# ctest runs fit_gradcheck on QEMU's Cortex-M4F. NO_HEAP links (the model
# allocates nothing).
source "$(dirname "$0")/common.sh"

install_gradc
for f in share/gradc/cmake/arm-none-eabi-cortex-m4f.cmake share/gradc/board/mps2-an386/startup.c \
         share/gradc/board/mps2-an386/mps2_an386.ld share/gradc/board/mps2-an386/run.sh \
         lib/cmake/gradc/GradcBoard.cmake; do
  [[ -f "$tmp/prefix/$f" ]] || fail "not installed: $f"
done
cp -r "$src_dir/tests/cmake/board_project" "$tmp/src"
b="$tmp/build"
step "configure with the installed toolchain file"
run "$CMAKE" -S "$tmp/src" -B "$b" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_TOOLCHAIN_FILE="$tmp/prefix/share/gradc/cmake/arm-none-eabi-cortex-m4f.cmake"
step "build"
run "$CMAKE" --build "$b"
[[ -f "$b/fit.elf" ]] || fail "no fit.elf"
grep -q "fit_loss_gradcheck" "$b/gradc/model.grad.hpp" || fail "no fit_loss_gradcheck in the header"
step "ctest: the check runs on the board"
run "${CMAKE%cmake}ctest" --test-dir "$b" -V
log_has "fit: ok, worst relative error" || fail "the board did not report a passing check"
log_has "100% tests passed" || fail "the firmware test failed"
echo "PASS"
