// Gradient/primal time under storage budgets of 4..64 slots, and unbudgeted,
// for two models with array state (models.cpp): RK4 on a 16-state chain and
// an 8-unit RNN, 10^4 steps. Counters: the work buffer's bytes, the slots,
// and the binomial optimum's step runs per step for that many slots
// (1 + gradc_revolve_advances(n, c) / n; unbudgeted: 2, each step forward
// and again when reversed). bench/ckpt/report.py turns the JSON into the
// table and chart of docs/checkpointing.md.
#include <benchmark/benchmark.h>

#include "models.hpp"
#include "models.grad.hpp"

#include <gradc/revolve.h>

#include <cmath>
#include <vector>

namespace {

constexpr int kSteps = 10000;

using OdeGrad = double (*)(const double*, int, double*, void*, std::size_t);
using OdeBytes = std::size_t (*)(int);
using RnnGrad = double (*)(const double*, const double*, int, double*, void*, std::size_t);
using RnnBytes = std::size_t (*)(int);

void counters(benchmark::State& state, std::size_t bytes, int slots) {
  state.counters["work_bytes"] = static_cast<double>(bytes);
  state.counters["slots"] = slots;
  state.counters["optimum_runs"] =
      slots ? 1.0 + static_cast<double>(gradc_revolve_advances(kSteps, slots)) / kSteps : 2.0;
}

std::vector<double> odeInput() {
  std::vector<double> x(ckpt::kStates);
  for (int i = 0; i < ckpt::kStates; ++i) x[i] = 0.5 + 0.02 * i;
  return x;
}

void BM_ode_primal(benchmark::State& state) {
  std::vector<double> x = odeInput();
  for (auto _ : state) benchmark::DoNotOptimize(ckpt::ode(x.data(), kSteps));
}

void odeGrad(benchmark::State& state, OdeGrad grad, OdeBytes bytesOf, int slots) {
  std::vector<double> x = odeInput(), g(ckpt::kStates);
  std::size_t bytes = bytesOf(kSteps);
  std::vector<double> work(bytes / sizeof(double) + 1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(grad(x.data(), kSteps, g.data(), work.data(), bytes));
    benchmark::ClobberMemory();
  }
  counters(state, bytes, slots);
}

struct RnnData {
  std::vector<double> W, xs;
  RnnData() : W(ckpt::kUnits * ckpt::kUnits + ckpt::kUnits), xs(kSteps) {
    for (size_t i = 0; i < W.size(); ++i) W[i] = 0.3 * std::sin(1.7 * i + 0.2);
    for (int t = 0; t < kSteps; ++t) xs[t] = std::cos(0.37 * t);
  }
};

void BM_rnn_primal(benchmark::State& state) {
  RnnData d;
  for (auto _ : state) benchmark::DoNotOptimize(ckpt::rnn(d.W.data(), d.xs.data(), kSteps));
}

void rnnGrad(benchmark::State& state, RnnGrad grad, RnnBytes bytesOf, int slots) {
  RnnData d;
  std::vector<double> g(d.W.size());
  std::size_t bytes = bytesOf(kSteps);
  std::vector<double> work(bytes / sizeof(double) + 1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(grad(d.W.data(), d.xs.data(), kSteps, g.data(), work.data(), bytes));
    benchmark::ClobberMemory();
  }
  counters(state, bytes, slots);
}

}  // namespace

BENCHMARK(BM_ode_primal);
BENCHMARK_CAPTURE(odeGrad, ode_4, ckpt::ode4_grad, ckpt::ode4_grad_work_bytes, 4);
BENCHMARK_CAPTURE(odeGrad, ode_8, ckpt::ode8_grad, ckpt::ode8_grad_work_bytes, 8);
BENCHMARK_CAPTURE(odeGrad, ode_16, ckpt::ode16_grad, ckpt::ode16_grad_work_bytes, 16);
BENCHMARK_CAPTURE(odeGrad, ode_32, ckpt::ode32_grad, ckpt::ode32_grad_work_bytes, 32);
BENCHMARK_CAPTURE(odeGrad, ode_64, ckpt::ode64_grad, ckpt::ode64_grad_work_bytes, 64);
BENCHMARK_CAPTURE(odeGrad, ode_full, ckpt::ode_full_grad, ckpt::ode_full_grad_work_bytes, 0);
BENCHMARK(BM_rnn_primal);
BENCHMARK_CAPTURE(rnnGrad, rnn_4, ckpt::rnn4_grad, ckpt::rnn4_grad_work_bytes, 4);
BENCHMARK_CAPTURE(rnnGrad, rnn_8, ckpt::rnn8_grad, ckpt::rnn8_grad_work_bytes, 8);
BENCHMARK_CAPTURE(rnnGrad, rnn_16, ckpt::rnn16_grad, ckpt::rnn16_grad_work_bytes, 16);
BENCHMARK_CAPTURE(rnnGrad, rnn_32, ckpt::rnn32_grad, ckpt::rnn32_grad_work_bytes, 32);
BENCHMARK_CAPTURE(rnnGrad, rnn_64, ckpt::rnn64_grad, ckpt::rnn64_grad_work_bytes, 64);
BENCHMARK_CAPTURE(rnnGrad, rnn_full, ckpt::rnn_full_grad, ckpt::rnn_full_grad_work_bytes, 0);
BENCHMARK_MAIN();
