#!/usr/bin/env bash
# Writes docs/embedded.md: for each float sample, .text bytes and stack of the
# generated gradient next to a hand-written float backprop at -Os and -O2, and
# instructions executed per gradient call on the board (QEMU -icount); and the
# same for samples/c_firmware's model, gradc's C99 output next to its C++ output.
#   bash samples/embedded/report.sh [<gradc executable>]   (default: build/tool/gradc)
# Builds the firmware projects (firmware/, ../c_firmware/firmware/) twice each
# in a temporary directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gradc=$(realpath "${1:-$root/build/tool/gradc}")
[[ -x $gradc ]] || { echo "report.sh: no gradc at $gradc (build it, or pass its path)" >&2; exit 1; }
for tool in arm-none-eabi-g++ qemu-system-arm python3; do
  command -v $tool >/dev/null || { echo "report.sh: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for opt in Os O2; do
  echo "== firmware at -$opt" >&2
  cmake -S "$here/firmware" -B "$work/$opt" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$here/cmake/arm-none-eabi.cmake" \
    -DGRADC_EXECUTABLE="$gradc" -DGRADC_SOURCE_DIR="$root" -DEMBEDDED_OPT=-$opt >/dev/null
  cmake --build "$work/$opt" --target bench >/dev/null
  bash "$here/board/run.sh" "$work/$opt/bench.elf" -icount shift=0 >"$work/$opt/bench.txt"
  cat "$work/$opt/bench.txt" >&2
  echo "== C firmware at -$opt" >&2
  cmake -S "$root/samples/c_firmware/firmware" -B "$work/c_$opt" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$here/cmake/arm-none-eabi.cmake" \
    -DGRADC_EXECUTABLE="$gradc" -DGRADC_SOURCE_DIR="$root" -DC_FIRMWARE_OPT=-$opt >/dev/null
  cmake --build "$work/c_$opt" --target bench >/dev/null
  bash "$here/board/run.sh" "$work/c_$opt/bench.elf" -icount shift=0 >"$work/c_$opt/bench.txt"
  cat "$work/c_$opt/bench.txt" >&2
done
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
mkdir -p "$root/docs"
python3 "$here/report.py" "$work" "$commit" >"$root/docs/embedded.md"
echo "wrote docs/embedded.md" >&2
