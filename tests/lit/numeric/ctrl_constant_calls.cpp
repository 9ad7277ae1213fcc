// A library call no floating value reaches needs no derivative rule
// (lgamma of an integer count): it is called as written, a constant to the
// gradient. std::clamp and 3-argument std::hypot have rules.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

// CHECK-LABEL: inline double poisson_grad(
// CHECK: std::lgamma(k + 1.0)
GRADC_GRAD
double poisson(double lambda, int k) {
  // log of lambda^k e^-lambda / k!
  return k * std::log(lambda) - lambda - std::lgamma(k + 1.0);
}

// CHECK-LABEL: inline double shape_grad(
// CHECK: std::clamp(
// CHECK: std::hypot(
GRADC_GRAD
double shape(double x, double y, double z, double lo, double hi) {
  double c = std::clamp(x * y, lo, hi);
  return c * std::hypot(x, y, z) + std::hypot(z, c, 2.0);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  double err = 0;
  for (int k : {0, 3, 7}) {
    double lambda = 2.5, d = 0;
    poisson_grad(lambda, k, &d);
    err = std::fmax(err, worstRelativeError(&lambda, &d, 1, [&] { return poisson(lambda, k); }));
  }
  // x*y below lo, inside, above hi.
  for (double x : {-1.5, 0.4, 1.7}) {
    double p[5] = {x, 1.1, -0.6, -0.8, 1.2}, g[5] = {};
    shape_grad(p[0], p[1], p[2], p[3], p[4], &g[0], &g[1], &g[2], &g[3], &g[4]);
    err = std::fmax(err, worstRelativeError(p, g, 5, [&] { return shape(p[0], p[1], p[2], p[3], p[4]); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
