#!/usr/bin/env bash
# Benchmarks every sample (primal, hand-written and gradc-generated gradient):
# time, instructions per call, storage, and gradc's own speed, into
# docs/bench.md and docs/bench.png.
#
#   bash bench/run.sh            full run: builds build-bench (Release, g++ -O3
#                                -march=native), about 10 minutes on 2 cores
#   bash bench/run.sh --quick    the same pipeline in about a minute, numbers
#                                meaningless, written to build-bench/bench-quick
#
# Options: --build-dir DIR, --no-build (use DIR as built), --out DIR, --jobs N.
# What each number means: bench/bench.py and the head of docs/bench.md.
set -euo pipefail
exec python3 "$(dirname "$0")/bench.py" "$@"
