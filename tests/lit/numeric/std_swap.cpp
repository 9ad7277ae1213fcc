// std::swap(a, b) of two scalars of one type (locals, struct locals' members,
// array and std::array elements) is a pair of assignments through two
// temporaries; it was "a call evaluated for its effects" with a non-const
// reference, rejected. Checked against central differences and the source's
// values; a swap in a loop (an unconditional bubble pass) overwrites elements
// the reverse sweep puts back.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <array>
#include <utility>

struct V2 {
  double x, y;
};

// CHECK-LABEL: inline double swap_scalars_grad(
// CHECK-NOT: {{^ *}}std::swap
// CHECK: double t0 = a;
// CHECK-NEXT: a = b;
// CHECK-NEXT: b = t0;
// CHECK-NOT: {{^ *}}std::swap
// CHECK: return swap_scalars;
GRADC_GRAD
double swap_scalars(double x, double y) {
  double a = x * x, b = y;
  std::swap(a, b);
  V2 v{x, y * x};
  std::swap(v.x, v.y);
  return a * 3 + b * y + v.x * 3 + v.y;
}

GRADC_GRAD
double swap_elements(double x, double y) {
  std::array<double, 2> t{x, y * y};
  std::swap(t[0], t[1]);
  double u[3] = {x, y, x * y};
  std::swap(u[2], u[0]);
  return t[0] * 5 + t[1] + u[0] * u[1] + 2 * u[2];
}

GRADC_GRAD_WRT(x)
double rotate_passes(const double* x) {
  double a[4] = {x[0], x[1], x[2], x[3]};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j + 1 < 4 - i; ++j) std::swap(a[j], a[j + 1]);
  return a[0] + 2 * a[1] + 3 * a[2] + 4 * a[3] * a[3];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  std::vector<double> p = {0.7, -1.3}, dp(2, 0.0);
  bad |= swap_scalars_grad(p[0], p[1], &dp[0], &dp[1]) != swap_scalars(p[0], p[1]);
  bad |= !reportGradient("swap_scalars", p, dp, [&] { return swap_scalars(p[0], p[1]); });
  std::fill(dp.begin(), dp.end(), 0.0);
  bad |= swap_elements_grad(p[0], p[1], &dp[0], &dp[1]) != swap_elements(p[0], p[1]);
  bad |= !reportGradient("swap_elements", p, dp, [&] { return swap_elements(p[0], p[1]); });
  std::vector<double> x = {0.3, -1.2, 2.0, 0.9}, dx(4, 0.0);
  bad |= rotate_passes_grad(x.data(), dx.data()) != rotate_passes(x.data());
  bad |= !reportGradient("rotate_passes", x, dx, [&] { return rotate_passes(x.data()); });
  return bad;
}
#endif
