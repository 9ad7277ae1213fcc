#!/usr/bin/env bash
# The firmware links with every allocation function poisoned: linking
# heap_probe.elf, which calls operator new[] and malloc, must fail on exactly
# those two calls.   heap_poison.sh <cmake> <firmware build dir> [<wrapped symbol>...]
# (default: __wrap__Znaj __wrap_malloc; samples/c_firmware's C probe: __wrap_malloc)
set -uo pipefail
syms=("${@:3}")
[[ ${#syms[@]} -gt 0 ]] || syms=(__wrap__Znaj __wrap_malloc)
log=$("$1" --build "$2" --target heap_probe 2>&1)
rc=$?
echo "$log" | grep -E "undefined reference|error" | head -20
if [[ $rc == 0 ]]; then
  echo "FAIL: heap_probe.elf linked; the heap poison does not work"
  exit 1
fi
for sym in "${syms[@]}"; do
  grep -q "undefined reference to \`$sym'" <<<"$log" || { echo "FAIL: the link did not fail on $sym:"; echo "$log"; exit 1; }
done
echo "PASS: allocating firmware does not link"
