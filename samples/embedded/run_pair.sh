#!/usr/bin/env bash
# Runs one program on the host and the same program as firmware on the board
# (QEMU), and compares what they print:
#   run_pair.sh <compare> <host program> <firmware.elf> <out dir> <max-ulp> [<max-scaled-ulp>]
# Fails if either run fails (a program's own check, e.g. the training loss
# threshold) or if the outputs differ by more than the bounds (compare.cpp).
set -uo pipefail
compare=$1 host=$2 elf=$3 out=$4
shift 4
mkdir -p "$out"
here=$(dirname "$0")

"$host" >"$out/host.txt"
host_rc=$?
bash "$here/board/run.sh" "$elf" >"$out/board.txt"
board_rc=$?

echo "== board output (the host's is $out/host.txt)"
cat "$out/board.txt"
echo "== host vs board"
"$compare" "$out/host.txt" "$out/board.txt" "$@"
compare_rc=$?

echo "host exit status $host_rc, board exit status $board_rc, comparison $compare_rc"
[[ $host_rc == 0 && $board_rc == 0 && $compare_rc == 0 ]]
