// Regression (gradc issue 24): an array declared inside a loop and filled by
// an inner loop was not refilled in the reverse iteration. The inner loop
// only computes the iteration's own sum, so the reverse sweep kept its result
// instead of running it again, and with it skipped the element writes: the
// reverse iteration's fresh `probs` was read uninitialized (d_W NaN).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>
using std::exp;
constexpr int kN = 4;

// The reproducer: the result does not depend on W (d_W is 0, not NaN). The
// loop's k0 is never read again (a dead value), so its reverse computes
// nothing from probs at all; the variants below keep the refill.
// CHECK-LABEL: inline double fit_grad(
// CHECK: // reverse sweep
// CHECK-NOT: probs
// CHECK-NOT: d_W
// CHECK: return fit;
GRADC_GRAD
double fit(double x, double k0, const double* W) {
  double e[3][3];
  for (int i = 0; i < 3; ++i) for (int j = 0; j < 3; ++j) e[i][j] = std::pow(k0 * k0, x);
  for (int j = 0; j < kN - 1; ++j) {
    double zsum = 0.0;
    double probs[kN];
    for (int k = 0; k < kN; ++k) { probs[k] = exp(W[k]); zsum += probs[k]; }
    k0 -= zsum;
  }
  double acc = 0.0;
  for (int j = 0; j < 3; ++j) for (int l = 0; l < 3; ++l) acc += e[j][l];
  return acc;
}

// The same shape where the result reads every iteration's probs, each
// iteration's different (a reverse iteration reading the last forward
// iteration's values would be wrong too). The refill reads the exp values
// the forward loop kept.
// CHECK-LABEL: inline double fit_used_grad(
// CHECK: // reverse sweep
// CHECK: double probs[4];
// CHECK-NEXT: for (int k = 0; k < gradc_src::kN; ++k) {
// CHECK-NEXT: // line {{[0-9]+}}: probs[k] = exp(W[k] * (j + 1))
// CHECK-NEXT: {{^ +}}probs[k] = t_kept[j * 4 + k];
GRADC_GRAD
double fit_used(double x, double k0, const double* W) {
  for (int j = 0; j < kN - 1; ++j) {
    double zsum = 0.0;
    double probs[kN];
    for (int k = 0; k < kN; ++k) { probs[k] = exp(W[k] * (j + 1)); zsum += probs[k] * x; }
    k0 -= zsum * probs[j];
  }
  return k0 * k0;
}

// Read by a sibling loop: the reverse iteration refills probs before both.
GRADC_GRAD
double fit_sibling(double x, double k0, const double* W) {
  for (int j = 0; j < kN - 1; ++j) {
    double zsum = 0.0;
    double probs[kN];
    for (int k = 0; k < kN; ++k) { probs[k] = exp(W[k] * (j + 1)); zsum += probs[k]; }
    double acc = 0.0;
    for (int m = 0; m < kN; ++m) acc += probs[m] * x / zsum;
    k0 -= acc * acc;
  }
  return k0 * k0;
}

// Declared two loops out, or read at another element in the filling loop:
// each element is saved before its first write (garbage, put back before it
// is written again), which the def-before-use check must accept as a move.
GRADC_GRAD
double fit_outer(double x, double k0, const double* W) {
  for (int o = 0; o < 2; ++o) {
    double probs[kN];
    for (int j = 0; j < kN - 1; ++j) {
      double zsum = 0.0;
      for (int k = 0; k < kN; ++k) { probs[k] = exp(W[k] * (j + 1 + o)); zsum += probs[k] * x; }
      k0 -= zsum * probs[j];
    }
  }
  return k0 * k0;
}

GRADC_GRAD
double fit_previous(double x, double k0, const double* W) {
  for (int j = 0; j < kN - 1; ++j) {
    double zsum = 0.0;
    double probs[kN];
    for (int k = 0; k < kN; ++k) { probs[k] = exp(W[k] * (j + 1)); zsum += probs[k] * (k > 0 ? probs[k - 1] : x); }
    k0 -= zsum;
  }
  return k0 * k0;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double p[2 + kN] = {0.7, 1.3, 0.2, -0.4, 0.1, 0.3};  // x, k0, W[kN]
  double worst = 0;
  {
    double g[2 + kN] = {};
    fit_grad(p[0], p[1], p + 2, &g[0], &g[1], g + 2);
    worst = std::fmax(worst, worstRelativeError(p, g, 2 + kN, [&] { return fit(p[0], p[1], p + 2); }));
  }
  double (*const fs[])(double, double, const double*) = {fit_used, fit_sibling, fit_outer, fit_previous};
  double (*const gs[])(double, double, const double*, double*, double*, double*) = {
      fit_used_grad, fit_sibling_grad, fit_outer_grad, fit_previous_grad};
  for (int i = 0; i < 4; ++i) {
    double g[2 + kN] = {};
    gs[i](p[0], p[1], p + 2, &g[0], &g[1], g + 2);
    worst = std::fmax(worst, worstRelativeError(p, g, 2 + kN, [&] { return fs[i](p[0], p[1], p + 2); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
