#!/usr/bin/env bash
# The whole test suite: install what is missing, configure, build everything
# (tool, tests, samples and their benchmarks), run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
build=${GRADC_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure

# gradc built with AddressSanitizer and UndefinedBehaviorSanitizer in its own
# tree: lit, hostile inputs, corpora and a fuzz batch under it, then libFuzzer.
bash scripts/sanitize.sh
