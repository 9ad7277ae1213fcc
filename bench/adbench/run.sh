#!/usr/bin/env bash
# The standard AD benchmark objectives (bench/adbench): primal, hand-written and
# gradc gradients with g++ and clang++ (-O3 -march=native), callgrind
# instruction counts at the small sizes, frame sizes (-fstack-usage) and work
# bytes, into docs/adbench.md.
#
#   bash bench/adbench/run.sh             full run: builds gradc (Release) in
#                                         build-adbench, all sizes, ~15 min on 2 cores
#   bash bench/adbench/run.sh --quick     small sizes, short runs: checks the pipeline
#
# Options: --gradc PATH (use this gradc, build none), --build-dir DIR,
# --out FILE (default docs/adbench.md; --quick writes build-adbench/adbench-quick.md),
# --no-callgrind, --jobs N.
set -euo pipefail
exec python3 "$(dirname "$0")/adbench.py" "$@"
