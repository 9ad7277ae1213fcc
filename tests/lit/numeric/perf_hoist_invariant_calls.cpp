// A math call whose operands a loop does not change is evaluated once,
// before the loop, in the forward sweep and in the reverse sweep's loops
// (cleanup/Hoist.cpp); an element read in it is guarded by the loop's
// condition unless the loop surely runs. A call whose operand the loop
// writes, or whose result is read after the loop, stays.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double gauss_nll_grad(
// CHECK: double [[S:[a-z0-9_]+]] = std::exp(log_sigma);
// CHECK-NEXT: // line {{[0-9]+}}: for (int i = 0; i < n; ++i)
// CHECK-NEXT: for (int i = 0; i < n; ++i) {
// CHECK-NOT: {{^[^/]*std::exp\(}}
// CHECK: return gauss_nll;
GRADC_GRAD
double gauss_nll(const double* x, int n, double mu, double log_sigma) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const double z = (x[i] - mu) / std::exp(log_sigma);
    total += 0.5 * z * z + log_sigma;
  }
  return total;
}

// An element of a parameter, in a loop of run-time length: guarded.
// CHECK-LABEL: inline double scaled_grad(
// CHECK: double s = 0 < n ? std::exp(w[0]) : 0.0;
// CHECK-NEXT: // line {{[0-9]+}}: for (int i = 0; i < n; ++i)
// CHECK-NEXT: for (int i = 0; i < n; ++i) {
GRADC_GRAD_WRT(w)
double scaled(const double* w, const double* x, int n) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const double s = std::exp(w[0]);
    total += s * x[i] * x[i] + w[1] * x[i];
  }
  return total;
}

// The operand changes in the loop: evaluated in every iteration.
// CHECK-LABEL: inline double drifting_grad(
// CHECK: for (int i = 0; i < 4; ++i) {
// CHECK: std::sin(a)
GRADC_GRAD
double drifting(double a, double b) {
  double total = 0.0;
  for (int i = 0; i < 4; ++i) {
    total += std::sin(a) * b;
    a = a * 0.5 + b;
  }
  return total;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  double x[5] = {0.4, -1.1, 0.9, 2.2, -0.3};
  {
    double p[2] = {0.3, -0.2}, g[2] = {};
    double dx[5] = {};
    gauss_nll_grad(x, 5, p[0], p[1], dx, &g[0], &g[1]);
    // Hand-written: z_i = (x_i - mu) / s, s = exp(ls); df/dmu = -sum z_i / s, df/dls = sum (1 - z_i^2).
    double hand[2] = {0, 0};
    for (double xi : x) {
      const double z = (xi - p[0]) / std::exp(p[1]);
      hand[0] += -z / std::exp(p[1]);
      hand[1] += 1 - z * z;
    }
    for (int i = 0; i < 2; ++i) worst = std::fmax(worst, std::fabs(g[i] - hand[i]) / (1 + std::fabs(hand[i])));
    worst = std::fmax(worst, worstRelativeError(p, g, 2, [&] { return gauss_nll(x, 5, p[0], p[1]); }));
  }
  {
    double w[2] = {0.2, 0.7}, g[2] = {};
    scaled_grad(w, x, 5, g);
    worst = std::fmax(worst, worstRelativeError(w, g, 2, [&] { return scaled(w, x, 5); }));
    double none[2] = {};
    scaled_grad(w, x, 0, none);  // no iteration: no gradient, no read
    worst = std::fmax(worst, std::fabs(none[0]) + std::fabs(none[1]));
  }
  {
    double p[2] = {0.6, 0.35}, g[2] = {};
    drifting_grad(p[0], p[1], &g[0], &g[1]);
    worst = std::fmax(worst, worstRelativeError(p, g, 2, [&] { return drifting(p[0], p[1]); }));
  }
  std::printf("largest relative error (central differences, hand-written): %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
