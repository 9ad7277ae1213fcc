// Loops counting down (`for (int i = n - 1; i >= 0; --i)`, `i > lo`, `i--`)
// and `i != n` counting up: Horner's rule, a backward Riccati-style
// recursion over a local array, a loop counting down around one counting up,
// and one stopping early. The reverse sweep runs each the other way.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double horner_grad(
// CHECK: for (int i = n - 1; i >= 0; --i) {
// CHECK: // reverse sweep
// CHECK: for (int i = 0; i < n; ++i) {
GRADC_GRAD
double horner(const double* c, double x, int n) {
  double r = 0;
  for (int i = n - 1; i >= 0; --i) r = r * x + c[i];
  return r;
}

// P[k] from P[k + 1], backwards from the terminal cost; then a sum.
GRADC_GRAD
double riccati(const double* a, const double* q, double pT) {
  double P[6];
  P[5] = pT;
  for (int k = 4; k >= 0; k--) P[k] = q[k] + a[k] * a[k] * P[k + 1] / (1.0 + P[k + 1]);
  double s = 0;
  for (int k = 0; k != 6; k++) s += P[k] * P[k];
  return s;
}

// Down to an exclusive bound, with an inner loop counting up, and a break.
GRADC_GRAD
double nested(const double* x, int lo) {
  double s = 1;
  for (int i = 5; i > lo; --i) {
    double t = 0;
    for (int j = 0; j < 3; ++j) t += x[j] * std::sin(x[i] + j);
    s = s * 0.5 + t * t;
    if (s > 40) break;
  }
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  // Tapes of run-time length live in the caller's work buffer.
  static double work[256];
  double err = 0;
  {
    double c[5] = {0.5, -1.25, 0.75, 2.0, -0.3}, x = 0.8, dc[5] = {}, dx = 0;
    double v = horner_grad(c, x, 5, dc, &dx, work, horner_grad_work_bytes(5));
    err = std::fmax(err, std::fabs(v - horner(c, x, 5)));
    err = std::fmax(err, worstRelativeError(c, dc, 5, [&] { return horner(c, x, 5); }));
    err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return horner(c, x, 5); }));
    // n = 0: no iteration, a zero gradient.
    double d0[5] = {}, dx0 = 0;
    horner_grad(c, x, 0, d0, &dx0, work, horner_grad_work_bytes(0));
    err = std::fmax(err, std::fabs(dx0) + std::fabs(d0[0]));
  }
  {
    double a[5] = {0.9, 1.1, -0.7, 1.3, 0.6}, q[5] = {0.2, 0.4, 0.1, 0.3, 0.5}, pT = 1.5;
    double da[5] = {}, dq[5] = {}, dpT = 0;
    riccati_grad(a, q, pT, da, dq, &dpT);
    auto f = [&] { return riccati(a, q, pT); };
    err = std::fmax(err, worstRelativeError(a, da, 5, f));
    err = std::fmax(err, worstRelativeError(q, dq, 5, f));
    err = std::fmax(err, worstRelativeError(&pT, &dpT, 1, f));
  }
  for (int lo : {-1, 1, 4, 7}) {
    double x[6] = {0.3, -0.8, 1.2, 0.4, -0.5, 0.9}, dx[6] = {};
    nested_grad(x, lo, dx, work, nested_grad_work_bytes(lo));
    err = std::fmax(err, worstRelativeError(x, dx, 6, [&] { return nested(x, lo); }));
  }
  {
    // The break: s passes 40 in the first iteration.
    double x[6] = {3, 3, 3, 3, 3, 3.2}, dx[6] = {};
    nested_grad(x, -1, dx, work, nested_grad_work_bytes(-1));
    err = std::fmax(err, worstRelativeError(x, dx, 6, [&] { return nested(x, -1); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
