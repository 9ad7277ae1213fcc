// An assignment to a conditional, `(c ? a : b) = v;` (Clad's tests): the
// value first (C++17 evaluates the right side before the left), then an
// if/else of two assignments, so the reverse sweep sends v's adjoint to the
// branch taken. Both branches must name scalar variables; a compound
// assignment or an array element in a branch is rejected naming the if/else
// to write instead.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: void conditional_assign_pullback(double x, double y, double d_ret, double* d_x, double* d_y) {
// CHECK: double value0 = 2.0 * x;
// CHECK-NEXT: bool cond0 = x > y;
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: m = value0;
// CHECK-NEXT: } else {
// CHECK-NEXT: y = value0;
GRADC_GRAD
double conditional_assign(double x, double y) {
  double m = x;
  (x > y ? m : y) = 2 * x;
  return m * y;
}

// In a loop, the value reading both branches' variables.
GRADC_GRAD
double split_update(const double* x) {
  double hi = 0.5, lo = -0.25;
  for (int i = 0; i < 5; ++i) (x[i] > 0 ? hi : lo) = hi * std::sin(x[i]) + lo * x[i];
  return hi * lo + hi;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  // x > y: m = 2x, f = 2 x y; else y = 2x, f = x * 2x.
  for (auto [x, y] : {std::pair{0.9, 0.3}, std::pair{0.3, 0.9}}) {
    double dx = 0, dy = 0;
    ok &= conditional_assign_grad(x, y, &dx, &dy) == conditional_assign(x, y);
    double hx = x > y ? 2 * y : 4 * x, hy = x > y ? 2 * x : 0;
    std::printf("conditional_assign(%.1f, %.1f) vs hand-written %.1e\n", x, y,
                std::fmax(std::fabs(dx - hx), std::fabs(dy - hy)));
    ok &= dx == hx && dy == hy;
    std::vector<double> p = {x, y}, d = {dx, dy};
    ok &= reportGradient("conditional", p, d, [&] { return conditional_assign(p[0], p[1]); });
  }
  std::vector<double> x = {0.4, -0.7, 1.1, -0.2, 0.8}, d_x(5, 0.0);
  ok &= split_update_grad(x.data(), d_x.data()) == split_update(x.data());
  ok &= reportGradient("split_update", x, d_x, [&] { return split_update(x.data()); });
  return ok ? 0 : 1;
}
#endif
