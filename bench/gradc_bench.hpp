// What the samples' bench.cpp files share with bench/run.sh.
//
// Names: every benchmark is <sample>/<case>/<kind>[/<arg>:<value>...] with
// <kind> one of primal, handwritten, gradc; run.sh pairs the three kinds of a
// case by name, so keep to it. A sample joins the benchmark with
// bench/storage/<sample>.cpp (see there).
#ifndef GRADC_BENCH_HPP
#define GRADC_BENCH_HPP

#include <benchmark/benchmark.h>

#include <cstdlib>

namespace gradc_bench {

// Apply to every benchmark. GRADC_BENCH_ITERATIONS=N makes each run exactly N
// iterations: run.sh counts instructions per call under callgrind that way
// (Google Benchmark 1.7 has no command-line flag for it).
inline void Configure(benchmark::internal::Benchmark* b) {
  if (const char* n = std::getenv("GRADC_BENCH_ITERATIONS")) {
    const long long iters = std::strtoll(n, nullptr, 10);
    if (iters > 0) b->Iterations(iters);
  }
}

}  // namespace gradc_bench

#endif  // GRADC_BENCH_HPP
