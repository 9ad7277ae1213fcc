// gradc/benchmark.h: the generated gradient, a hand-written one and the primal
// side by side in Google Benchmark, with the ratios printed after the run.
// Host only (it needs Google Benchmark: link benchmark::benchmark).
//
//   gradc::compare_speed("mlp",
//       [&] { benchmark::DoNotOptimize(loss(w, x)); },                       // primal
//       [&] { zero(d_w); benchmark::DoNotOptimize(loss_by_hand(w, x, d_w)); },  // hand-written
//       [&] { zero(d_w); benchmark::DoNotOptimize(loss_grad(w, x, d_w)); });    // gradc
//   int main(int argc, char** argv) { return gradc::benchmark_main(argc, argv); }
//
// registers mlp/primal, mlp/handwritten and mlp/gradc (each callable runs once
// per iteration; all three are required), and benchmark_main prints, after
// Google Benchmark's own table,
//   mlp: gradc/handwritten 0.98  gradc/primal 3.1  (ns per call: 41.2 42.0 13.4)
#ifndef GRADC_BENCHMARK_H
#define GRADC_BENCHMARK_H

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gradc {

namespace detail {

// The cases in registration order, so the ratio table follows the source.
inline std::vector<std::string>& comparedCases() {
  static std::vector<std::string> cases;
  return cases;
}

// Google Benchmark's console output, plus the CPU ns per call of every run kept
// for the ratio table.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs)
      if (r.run_type == Run::RT_Iteration && r.iterations > 0)
        nsPerCall_[r.benchmark_name()] = r.GetAdjustedCPUTime() * scale(r.time_unit);
    ConsoleReporter::ReportRuns(runs);
  }

  void printRatios() const {
    for (const std::string& c : comparedCases()) {
      auto get = [&](const char* kind) {
        auto it = nsPerCall_.find(c + "/" + kind);
        return it == nsPerCall_.end() ? -1.0 : it->second;
      };
      double primal = get("primal"), hand = get("handwritten"), generated = get("gradc");
      if (primal <= 0 || hand <= 0 || generated <= 0) continue;  // filtered out
      std::printf("%s: gradc/handwritten %.2f  gradc/primal %.2f  (ns per call: gradc %.1f, handwritten %.1f, "
                  "primal %.1f)\n",
                  c.c_str(), generated / hand, generated / primal, generated, hand, primal);
    }
  }

 private:
  static double scale(benchmark::TimeUnit u) {
    switch (u) {
      case benchmark::kNanosecond: return 1;
      case benchmark::kMicrosecond: return 1e3;
      case benchmark::kMillisecond: return 1e6;
      case benchmark::kSecond: return 1e9;
    }
    return 1;
  }
  std::map<std::string, double> nsPerCall_;
};

}  // namespace detail

// Registers <name>/primal, <name>/handwritten and <name>/gradc: each runs its
// callable once per iteration.
template <class Primal, class Handwritten, class Generated>
void compare_speed(const std::string& name, Primal primal, Handwritten handwritten, Generated generated) {
  detail::comparedCases().push_back(name);
  benchmark::RegisterBenchmark((name + "/primal").c_str(), [primal](benchmark::State& s) mutable {
    for (auto _ : s) primal();
  });
  benchmark::RegisterBenchmark((name + "/handwritten").c_str(), [handwritten](benchmark::State& s) mutable {
    for (auto _ : s) handwritten();
  });
  benchmark::RegisterBenchmark((name + "/gradc").c_str(), [generated](benchmark::State& s) mutable {
    for (auto _ : s) generated();
  });
}

// Google Benchmark's main (its flags work: --benchmark_filter, ...), then the
// ratio of every compare_speed case that ran.
inline int benchmark_main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  detail::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.printRatios();
  benchmark::Shutdown();
  return 0;
}

}  // namespace gradc

#endif  // GRADC_BENCHMARK_H
