// Regression (issue 24): a value that never reaches the result got reverse
// statements all the same, and its zero adjoint times an infinite partial
// (exp(800 x) overflows) made the gradient NaN. Activity is per assignment:
// a store nothing useful reads again has no reverse statements at all.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// A parameter overwritten after its last use (the case).
// CHECK-LABEL: inline double overwritten_grad(
// CHECK-NOT: {{^[^/]*}}std::exp
// CHECK: return overwritten;
GRADC_GRAD
double overwritten(double x, double y) {
  double r = y * x;
  y = std::exp(800.0 * x) / x;
  return r;
}

// A local stored again at the end of each iteration, and overwritten at the
// start of the next one before anything reads it.
// CHECK-LABEL: inline double in_loop_grad(
// CHECK: // reverse sweep
// CHECK-NOT: {{^[^/]*}}std::exp
// CHECK: return in_loop;
GRADC_GRAD
double in_loop(double x, double y) {
  double r = 0.0, t = 0.0;
  for (int i = 0; i < 3; ++i) {
    t = x * y;
    r += t * (i + 1);
    t = std::exp(800.0 * x) / x;
  }
  return r;
}

// Dead on the branch that runs; the other branch reads nothing either.
// CHECK-LABEL: inline double in_branch_grad(
// CHECK: // reverse sweep
// CHECK-NOT: {{^[^/]*}}std::exp
// CHECK: return in_branch;
GRADC_GRAD
double in_branch(double x, double y) {
  double r = x * y;
  if (x > 0.0) {
    double s = r * y;
    y = std::exp(800.0 * x) / x;
    r = s;
  } else {
    r = r + y;
  }
  return r;
}

// An output element written twice: only the last write reaches the caller.
// CHECK-LABEL: inline void overwritten_output_pullback(
// CHECK-NOT: {{^[^/]*}}std::exp
// CHECK: }
GRADC_GRAD
void overwritten_output(double x, double* out) {
  out[0] = std::exp(800.0 * x) / x;
  out[1] = std::exp(x);
  out[0] = x * x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  bool exact = true;
  auto check = [&](double (*f)(double, double), double (*grad)(double, double, double*, double*)) {
    double p[2] = {1.5, 0.7}, d[2] = {0, 0};
    grad(p[0], p[1], &d[0], &d[1]);
    exact = exact && std::isfinite(d[0]) && std::isfinite(d[1]);
    worst = std::fmax(worst, worstRelativeError(p, d, 2, [&] { return f(p[0], p[1]); }));
  };
  check(overwritten, overwritten_grad);
  check(in_loop, in_loop_grad);
  check(in_branch, in_branch_grad);
  {
    double x = 1.5, d_x = 0;
    double d_out[2] = {1.0, 0.5};
    double out[2];
    overwritten_output_pullback(x, out, &d_x, d_out);
    // d/dx (x^2 + 0.5 exp(x)) = 2x + 0.5 exp(x)
    double want = 2 * x + 0.5 * std::exp(x);
    exact = exact && std::fabs(d_x - want) < 1e-12 && d_out[0] == 0 && d_out[1] == 0;
    std::printf("overwritten_output: d_x = %.17g (want %.17g)\n", d_x, want);
  }
  {
    double d_x = 0, d_y = 0;
    overwritten_grad(1.5, 0.7, &d_x, &d_y);
    std::printf("overwritten: d_x = %.17g, d_y = %.17g (want 0.7, 1.5)\n", d_x, d_y);
    exact = exact && d_x == 0.7 && d_y == 1.5;
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return exact && worst < 1e-8 ? 0 : 1;
}
#endif
