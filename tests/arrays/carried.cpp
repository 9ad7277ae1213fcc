// Array corpus: loops carrying state from one iteration to the next with a
// run-time trip count. The reverse sweep needs every iteration's state, kept
// in the caller's work buffer: f_grad_work_bytes(<int params>) and trailing
// (void* work, std::size_t work_bytes) parameters. Checked against finite
// differences and for the buffer contract (see arraycheck.hpp and
// run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

// A damped oscillator x'' = -k x - c x' by semi-implicit Euler; the loss is
// its final energy-like quantity.
GRADC_GRAD_WRT(k, c, x0, v0)
double oscillator(double k, double c, double x0, double v0, double dt, int steps) {
  double x = x0;
  double v = v0;
  for (int t = 0; t < steps; ++t) {
    v = v - dt * (k * x + c * v);
    x = x + dt * v;
  }
  return x * x + 0.5 * v * v;
}

// Logistic growth with a per-step rate r[t]: an array indexed by the step.
GRADC_GRAD_WRT(r, x0)
double logistic_growth(const double* r, double x0, double dt, int steps) {
  double x = x0;
  for (int t = 0; t < steps; ++t) x = x + dt * r[t] * x * (1.0 - x);
  return x;
}

// A trajectory written into an output array: a VJP with a work buffer.
GRADC_GRAD
void trajectory(double k, double x0, double* xs, int steps) {
  double x = x0;
  for (int t = 0; t < steps; ++t) {
    x = x + 0.1 * std::sin(k * x);
    xs[t] = x;
  }
}

// x is read before a loop that changes it: the reverse loop must leave x at
// its value before the loop (it had been run forwards, leaving the value
// before the last trip; found by the fuzzer, d/dx was 3.6 instead of 1.6).
GRADC_GRAD
double reused_before_loop(double x) {
  double t = x * x;
  for (int i = 0; i < 3; ++i) x += 0.5;
  return t + x;
}

// (An exponential moving average fitted to a target, `s = alpha * s + (1 -
// alpha) * x[i]; loss += (s - y[i])^2`, is left out: gradc 0.1 drops the
// adjoint that s carries to the previous iteration, see README.md.)

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

#include <vector>

int main() {
  using arraycheck::check;
  constexpr int kSteps = 50;
  constexpr double kDt = 0.05;
  // Each call gets a buffer of exactly work_bytes, taken from a vector.
  const std::size_t osc_bytes = oscillator_grad_work_bytes(kSteps);
  std::vector<double> osc_work(osc_bytes / sizeof(double) + 1);
  check<double>("oscillator", {{"k", 1, 0.5, 4}, {"c", 1, 0.05, 0.5}, {"x0", 1, -2, 2}, {"v0", 1, -2, 2}},
      [](const auto& x) { return oscillator(x[0][0], x[1][0], x[2][0], x[3][0], kDt, kSteps); },
      [&](const auto& x, auto& d) {
        return oscillator_grad(x[0][0], x[1][0], x[2][0], x[3][0], kDt, kSteps, &d[0][0], &d[1][0], &d[2][0],
                               &d[3][0], osc_work.data(), osc_bytes);
      },
      [&](const auto& x, auto s, auto& d) {
        oscillator_pullback(x[0][0], x[1][0], x[2][0], x[3][0], kDt, kSteps, s, &d[0][0], &d[1][0], &d[2][0],
                            &d[3][0], osc_work.data(), osc_bytes);
      });
  arraycheck::check_work_buffer<double>("oscillator", {{"k", 1, 0, 0}, {"c", 1, 0, 0}, {"x0", 1, 0, 0}, {"v0", 1, 0, 0}},
      osc_bytes, [](void* work, std::size_t bytes, auto& d) {
        return oscillator_grad(2.0, 0.2, 1.0, -0.5, kDt, kSteps, &d[0][0], &d[1][0], &d[2][0], &d[3][0], work, bytes);
      });

  const std::size_t lg_bytes = logistic_growth_grad_work_bytes(kSteps);
  std::vector<double> lg_work(lg_bytes / sizeof(double) + 1);
  check<double>("logistic_growth", {{"r", kSteps, 0.5, 2}, {"x0", 1, 0.05, 0.5}},
      [](const auto& x) { return logistic_growth(x[0].data(), x[1][0], kDt, kSteps); },
      [&](const auto& x, auto& d) {
        return logistic_growth_grad(x[0].data(), x[1][0], kDt, kSteps, d[0].data(), &d[1][0], lg_work.data(), lg_bytes);
      },
      [&](const auto& x, auto s, auto& d) {
        logistic_growth_pullback(x[0].data(), x[1][0], kDt, kSteps, s, d[0].data(), &d[1][0], lg_work.data(), lg_bytes);
      });
  arraycheck::check_work_buffer<double>("logistic_growth", {{"r", kSteps, 0, 0}, {"x0", 1, 0, 0}}, lg_bytes,
      [](void* work, std::size_t bytes, auto& d) {
        std::vector<double> r(kSteps, 1.25);
        return logistic_growth_grad(r.data(), 0.2, kDt, kSteps, d[0].data(), &d[1][0], work, bytes);
      });

  const std::size_t tr_bytes = trajectory_grad_work_bytes(12);
  std::vector<double> tr_work(tr_bytes / sizeof(double) + 1);
  arraycheck::check_vjp<double>("trajectory", {{"k", 1, 0.5, 2}, {"x0", 1, -2, 2}}, {{"xs", 12}},
      [](const auto& x, auto& y) { trajectory(x[0][0], x[1][0], y[0].data(), 12); },
      [&](const auto& x, auto& y, auto& dx, auto& dy) {
        trajectory_pullback(x[0][0], x[1][0], y[0].data(), 12, &dx[0][0], &dx[1][0], dy[0].data(), tr_work.data(), tr_bytes);
      });

  arraycheck::check_work_buffer<double>("trajectory", {{"k", 1, 0, 0}, {"x0", 1, 0, 0}}, tr_bytes,
      [](void* work, std::size_t bytes, auto& d) {
        double xs[12], seeds[12];
        for (double& e : seeds) e = 1.0;
        trajectory_pullback(1.5, 0.3, xs, 12, &d[0][0], &d[1][0], seeds, work, bytes);
        return 0.0;
      },
      /*returns_value=*/false);
  check<double>("reused_before_loop", {{"x", 1, -2, 2}},
      [](const auto& x) { return reused_before_loop(x[0][0]); },
      [](const auto& x, auto& d) { return reused_before_loop_grad(x[0][0], &d[0][0]); },
      [](const auto& x, auto s, auto& d) { reused_before_loop_pullback(x[0][0], s, &d[0][0]); });
  return arraycheck::report();
}
#endif
