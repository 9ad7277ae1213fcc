#!/usr/bin/env bash
# Runs a firmware image on QEMU's Cortex-M4F board (Arm MPS2 AN386):
#   run.sh <firmware.elf> [extra qemu options, e.g. -icount shift=0]
# Semihosting carries the program's stdout to ours and main's return value to
# our exit status. A hung program is killed after 120 s.
set -uo pipefail
elf=$1
shift
command -v qemu-system-arm >/dev/null || { echo "run.sh: qemu-system-arm is missing (scripts/setup.sh installs it)" >&2; exit 127; }
# -display none: Debian's qemu otherwise warns about its missing GUI modules.
exec timeout 120 qemu-system-arm -M mps2-an386 -cpu cortex-m4 -display none -nographic -monitor none -serial none \
  -semihosting-config enable=on,target=native "$@" -kernel "$elf"
