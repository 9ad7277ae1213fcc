// The reverse sweep does not reset an adjoint element nothing reads again
// (d_h[k] once the tanh has consumed it; d_b[k] of an array each round
// overwrites whole, so each round's own: declared in the round, its adjoint
// is fresh in the next reverse round), and keeps the reset where a later
// statement reads the element again (d_s[k] of a state updated in place).
// Nor does it restore an array that a loop then overwrites whole before
// reading it: b, recomputed by each reverse round, needs no tape; s, whose
// update reads its neighbour, does.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

constexpr int K = 4;
constexpr int T = 3;

// CHECK-LABEL: inline double layer_grad(
// CHECK: // reverse sweep
// CHECK: // line {{[0-9]+}}: h[k] = std::tanh(w[k] * x[k])
// CHECK-NEXT: double d_t0 = d_h[k] * (1.0 - h[k] * h[k]);
// CHECK-NOT: d_h[k] = 0.0;
// CHECK: return layer;
GRADC_GRAD
double layer(const double* w, const double* x) {
  double h[K];
  for (int k = 0; k < K; ++k) h[k] = std::tanh(w[k] * x[k]);
  double s = 0.0;
  for (int k = 0; k < K; ++k) s += h[k] * h[(k + 1) % K];
  return s;
}

// CHECK-LABEL: inline double rounds_grad(
// CHECK-NOT: b_tape
// CHECK: // reverse sweep
// CHECK: double d_b[4] = {};
// CHECK: d_b[k] += x[(k + 1) % gradc_src::K];
// CHECK: double d_t{{[0-9]+}} = d_b[k]
// CHECK-NOT: d_b[k] = 0.0;
// CHECK-NOT: b_tape
// CHECK: return rounds;
GRADC_GRAD
double rounds(const double* w, const double* x) {
  double b[K];
  double s = 0.0;
  for (int t = 0; t < T; ++t) {
    for (int k = 0; k < K; ++k) b[k] = std::sin(w[k] * x[k] * (t + 1));
    for (int k = 0; k < K; ++k) s += b[k] * x[(k + 1) % K];
  }
  return s;
}

// CHECK-LABEL: inline double steps_grad(
// CHECK: s_tape[t * 4 + k] = s[k];
// CHECK: // reverse sweep
// CHECK: s[k] = s_tape[t * 4 + k];
// CHECK: double d_t4 = d_s[k];
// CHECK-NEXT: d_s[k] = 0.0;
// CHECK: d_s[k] += d_t5 * t3;
// CHECK: return steps;
GRADC_GRAD
double steps(const double* w, const double* x) {
  double s[K];
  for (int k = 0; k < K; ++k) s[k] = x[k];
  for (int t = 0; t < T; ++t)
    for (int k = 0; k < K; ++k) s[k] = std::sin(s[k] * w[k]) + s[(k + 1) % K];
  return s[0] + s[1] * s[2];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double w[K] = {0.4, -0.7, 1.1, 0.2}, x[K] = {0.3, 1.2, -0.5, 0.8};
  double worst = 0;
  {
    double dw[K] = {}, dx[K] = {};
    layer_grad(w, x, dw, dx);
    worst = std::fmax(worst, worstRelativeError(w, dw, x, dx, K, [&] { return layer(w, x); }));
  }
  {
    double dw[K] = {}, dx[K] = {};
    rounds_grad(w, x, dw, dx);
    worst = std::fmax(worst, worstRelativeError(w, dw, x, dx, K, [&] { return rounds(w, x); }));
  }
  {
    double dw[K] = {}, dx[K] = {};
    steps_grad(w, x, dw, dx);
    worst = std::fmax(worst, worstRelativeError(w, dw, x, dx, K, [&] { return steps(w, x); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-8 ? 0 : 1;
}
#endif
