// A counted `while` whose counter a `[&]` lambda reads (fuzz seeds 700097,
// 700105, 700118 of the 10,000-program run): the capture was taken for a
// write, so the loop's start was not known and its trip count was "computed
// in the function" -- a false rejection of a loop whose iterations the
// reverse sweep must keep (carried x, an inner loop of run-time length).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double carried_grad(int len, double x, const double* w, double* d_x, double* GRADC_RESTRICT d_w, void* work, std::size_t work_bytes) {
// CHECK: for (int i = 0; i < 6; ++i) {
GRADC_GRAD
double carried(int len, double x, const double* w) {
  int i = 0;
  while (i < 6) {
    for (int j = 0; j < len - 1; ++j) {
      auto weight = [&]() { return w[5 - i]; };
      x = std::sin(x * weight()) + 0.5 * x;
    }
    i += 1;
  }
  return x * x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

int main() {
  bool ok = true;
  std::vector<double> w = {0.3, -0.7, 1.1, 0.4, -0.2, 0.9}, d_w(6, 0.0);
  std::vector<double> x = {0.6}, d_x(1, 0.0);
  const int len = 4;
  std::vector<unsigned char> work(carried_grad_work_bytes(len));
  ok &= carried_grad(len, x[0], w.data(), &d_x[0], d_w.data(), work.data(), work.size()) ==
        carried(len, x[0], w.data());
  ok &= reportGradient("carried: w", w, d_w, [&] { return carried(len, x[0], w.data()); }, 1e-7);
  ok &= reportGradient("carried: x", x, d_x, [&] { return carried(len, x[0], w.data()); }, 1e-7);
  return ok ? 0 : 1;
}
#endif
