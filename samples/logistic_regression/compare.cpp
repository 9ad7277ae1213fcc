// The comparison a user writes with <gradc/benchmark.h>: the primal, the
// hand-written gradient and gradc's, side by side, and their ratios printed
// after Google Benchmark's table (ctest runs it briefly: a smoke test of the
// helper; the timings are for reading, not asserted).
#include "model.cpp"

#include "handwritten.hpp"
#include "model.grad.hpp"

#include <gradc/benchmark.h>

#include <random>
#include <vector>

int main(int argc, char** argv) {
  const int m = 256, d = 16;
  const double lambda = 0.05;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> X(m * d), y(m), w(d), d_w(d);
  for (double& v : X) v = u(rng);
  for (double& v : y) v = u(rng) < 0 ? -1.0 : 1.0;
  for (double& v : w) v = u(rng);
  using namespace logistic_regression;
  gradc::compare_speed(
      "logistic_regression",
      [&] { benchmark::DoNotOptimize(loss(w.data(), X.data(), y.data(), m, d, lambda)); },
      [&] {
        benchmark::DoNotOptimize(logistic_regression_hand::loss_grad(w.data(), X.data(), y.data(), m, d, lambda, d_w.data()));
        benchmark::ClobberMemory();
      },
      [&] {
        benchmark::DoNotOptimize(loss_grad(w.data(), X.data(), y.data(), m, d, lambda, d_w.data()));
        benchmark::ClobberMemory();
      });
  return gradc::benchmark_main(argc, argv);
}
