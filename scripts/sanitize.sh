#!/usr/bin/env bash
# gradc under AddressSanitizer and UndefinedBehaviorSanitizer, in its own
# build tree (Clang 19): the lit tests, the hostile inputs, the array and
# scalar corpora and a fuzz batch, with the generated code compiled with
# -fsanitize=address,undefined too; then the libFuzzer target for a bounded
# time from a seed corpus of the repository's test sources.
#   GRADC_ASAN_BUILD_DIR   the build tree (default build-asan)
#   GRADC_LIBFUZZER_SECONDS  how long libFuzzer runs (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."

build=${GRADC_ASAN_BUILD_DIR:-build-asan}
seconds=${GRADC_LIBFUZZER_SECONDS:-60}
jobs=$(nproc)

# Clang's sanitizer and libFuzzer runtimes.
if ! dpkg-query -W -f='${Status}' libclang-rt-19-dev 2>/dev/null | grep -q "install ok installed"; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libclang-rt-19-dev
fi

cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGRADC_SANITIZE=address,undefined -DGRADC_LIBFUZZER=ON -DGRADC_BUILD_SAMPLES=OFF
cmake --build "$build" -j "$jobs" --target gradc gradc_libfuzzer

# Sanitizer reports must not look like gradc's own exit status 1 (a user error).
export ASAN_OPTIONS=exitcode=86:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=exitcode=87:print_stacktrace=1:halt_on_error=1
build=$(cd "$build" && pwd)
gradc=$build/tool/gradc

echo "== sanitize: lit, hostile inputs, fuzz batch"
ctest --test-dir "$build" -j "$jobs" --output-on-failure -R '^(lit|hostile\..*|fuzz\.sanitized)$'

echo "== sanitize: array and scalar corpora, generated code sanitized"
cxx=$PWD/tests/hostile/cxx-sanitize.sh
for src in tests/arrays/*.cpp; do
  bash tests/arrays/run_arrays.sh "$gradc" "$cxx" "$src" "$build/sanitize/arrays/$(basename "$src" .cpp)"
done
for src in tests/corpus/*.cpp; do
  bash tests/corpus/run_corpus.sh "$gradc" "$cxx" "$src" "$build/sanitize/corpus/$(basename "$src" .cpp)"
done

echo "== sanitize: libFuzzer, ${seconds}s"
work=$build/sanitize/libfuzzer
rm -rf "$work" && mkdir -p "$work/new" "$work/seeds"
for src in tests/lit/golden/*.cpp tests/lit/numeric/*.cpp tests/lit/diagnostics/*.cpp tests/corpus/*.cpp \
  tests/arrays/*.cpp; do
  cp "$src" "$work/seeds/${src//\//_}"
done
# -close_fd_mask=2: gradc's diagnostics would flood the log; a crash still
# stops the run and leaves crash-* in $work (rerun it to see the report).
(cd "$work" && "$build/tests/fuzz/gradc_libfuzzer" -max_total_time="$seconds" -timeout=60 \
  -rss_limit_mb=4096 -close_fd_mask=2 -print_final_stats=1 new seeds)
echo "sanitize: all passed"
