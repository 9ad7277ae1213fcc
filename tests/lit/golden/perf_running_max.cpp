// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// The stable log-sum-exp: the running max keeps the index of its last
// update (one int), not a tape of n values in a work buffer; the reverse
// sweep runs that one iteration's reverse.
// CHECK-LABEL: inline double lse_grad(const double* x, int n, double* GRADC_RESTRICT d_x) {
// CHECK-NOT: _tape
// CHECK: int mx_at = -1;
// CHECK-NEXT: for (int i = 1; i < n; ++i) {
// CHECK-NEXT: // line [[#]]: if (x[i] > mx)
// CHECK-NEXT: if (x[i] > mx) {
// CHECK-NEXT: // line [[#]]: mx = x[i]
// CHECK-NEXT: mx = x[i];
// CHECK-NEXT: mx_at = i;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK: // reverse sweep
// CHECK: if (mx_at >= 0) {
// CHECK-NEXT: int i = mx_at;
// CHECK-NEXT: // line [[#]]: mx = x[i]
// CHECK-NEXT: double d_t0 = d_mx;
// CHECK-NEXT: d_mx = 0.0;
// CHECK-NEXT: d_x[i] += d_t0;
// CHECK-NEXT: }
// CHECK-NEXT: // line [[#]]: double mx = x[0];
// CHECK-NEXT: d_x[0] += d_mx;
// CHECK-NEXT: return lse;
GRADC_GRAD
double lse(const double* x, int n) {
  double mx = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > mx) mx = x[i];
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(x[i] - mx);
  return std::log(sum) + mx;
}

// A running min of a value computed in the iteration: that iteration's
// value is recomputed at the index kept.
// CHECK-LABEL: inline double lowest_grad(
// CHECK: lo_at = i;
// CHECK: if (lo_at >= 0) {
// CHECK-NEXT: int i = lo_at;
// CHECK: d_w[i] += 4.0 * w[i];
GRADC_GRAD
double lowest(const double* w, int n) {
  double lo = 1e30;
  for (int i = 0; i < n; ++i) {
    double v = w[i] * w[i] - 0.3 * w[i];
    if (v < lo) lo = v;
  }
  return 2.0 * lo + w[0];
}

