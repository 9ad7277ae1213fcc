// A function returning void (outputs only: its pullback is the VJP, it has
// no f_grad) whose loop of run-time length tapes in the work buffer and so
// keeps its exp results there too. Deciding whether the kept values alone
// gave the function its buffer built f_grad's form of a pullback with no
// seed: a crash in the fresh-clone CI (tests/arrays/carried.cpp, fuzz seeds
// 2003, 2005, 2008). Checked: the VJP against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline void trajectory_pullback(
// CHECK: _kept[t] =
// CHECK-NOT: inline double trajectory_grad(
GRADC_GRAD
void trajectory(double k, double x0, double* xs, int steps) {
  double x = x0;
  for (int t = 0; t < steps; ++t) {
    x = x + 0.1 * std::exp(-k * x * x);
    xs[t] = x;
  }
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

int main() {
  const int steps = 7;
  const double seed[steps] = {0.3, -1.0, 0.5, 2.0, -0.7, 0.1, 1.2};
  auto f = [&](double k, double x0) {
    double xs[steps];
    trajectory(k, x0, xs, steps);
    double s = 0;
    for (int t = 0; t < steps; ++t) s += seed[t] * xs[t];
    return s;
  };
  const double k = 0.8, x0 = 0.4, h = 1e-6;
  double xs[steps], d_xs[steps], d_k = 0, d_x0 = 0;
  for (int t = 0; t < steps; ++t) d_xs[t] = seed[t];
  std::vector<unsigned char> work(trajectory_grad_work_bytes(steps) + 16);
  trajectory_pullback(k, x0, xs, steps, &d_k, &d_x0, d_xs, work.data(), work.size());
  const double fk = (f(k + h, x0) - f(k - h, x0)) / (2 * h), fx = (f(k, x0 + h) - f(k, x0 - h)) / (2 * h);
  const double worst = std::fmax(std::fabs(d_k - fk), std::fabs(d_x0 - fx));
  std::printf("VJP vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
