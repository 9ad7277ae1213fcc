// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <algorithm>
#include <cmath>

inline double sqdist(const double* a, const double* b, int d) {
  double s = 0.0;
  for (int l = 0; l < d; ++l) {
    const double diff = a[l] - b[l];
    s += diff * diff;
  }
  return s;
}

// k-means: `best = std::min(best, dist)` over the centres is a running min,
// its distance computed by an inner loop. The nearest centre is kept as an
// index per point (no tape, no work buffer), and the reverse sweep runs that
// centre's adjoint alone: one d-loop per point, no distance recomputed.
// CHECK-LABEL: inline double kmeans_grad(const double* points, const double* centres, int n, int k, int d, double* GRADC_RESTRICT d_centres) {
// CHECK-NOT: _tape
// CHECK: int best_at = -1;
// CHECK-NEXT: for (int j = 0; j < k; ++j) {
// CHECK: // line [[#]]: best = std::min(best, dist)
// CHECK-NEXT: if (dist < best) {
// CHECK-NEXT: best = dist;
// CHECK-NEXT: best_at = j;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK: // reverse sweep of this iteration
// CHECK-NEXT: // line [[#]]: for (int j = 0; j < k; ++j)
// CHECK-NEXT: if (best_at >= 0) {
// CHECK-NEXT: int j = best_at;
// CHECK-NEXT: // line [[#]] (sqdist): for (int l = 0; l < d; ++l)
// CHECK-NEXT: for (int l = 0; l < d; ++l) {
// CHECK-NEXT: // line [[#]] (sqdist): const double diff = a[l] - b[l];
// CHECK-NEXT: double diff = points[i * d + l] - centres[j * d + l];
// CHECK-NEXT: // line [[#]] (sqdist): s += diff * diff
// CHECK-NEXT: double d_diff = 2.0 * diff;
// CHECK-NEXT: // line [[#]] (sqdist): const double diff = a[l] - b[l];
// CHECK-NEXT: d_centres[j * d + l] -= d_diff;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
GRADC_GRAD_WRT(centres)
double kmeans(const double* points, const double* centres, int n, int k, int d) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    double best = HUGE_VAL;
    for (int j = 0; j < k; ++j) {
      const double dist = sqdist(&points[i * d], &centres[j * d], d);
      best = std::min(best, dist);
    }
    total += best;
  }
  return total;
}

// The same written `v < lo ? v : lo`, and std::max with m second: branches
// taking what the expression returns (`!(v < hi)`: ties and NaN as std::max).
// CHECK-LABEL: inline double spread_grad(const double* x, int n, double* GRADC_RESTRICT d_x) {
// CHECK-NOT: _tape
// CHECK: int lo_at = -1;
// CHECK: if (v < lo) {
// CHECK-NEXT: lo = v;
// CHECK-NEXT: lo_at = i;
// CHECK: int hi_at = -1;
// CHECK: if (!(t0 < hi)) {
// CHECK-NEXT: hi = t0;
// CHECK-NEXT: hi_at = i;
// CHECK: if (hi_at >= 0) {
// CHECK-NEXT: int i = hi_at;
// CHECK-NEXT: // line [[#]]: hi = std::max(x[i], hi)
// CHECK-NEXT: d_x[i] += 1.0;
// CHECK-NEXT: }
// CHECK: if (lo_at >= 0) {
// CHECK-NEXT: int i = lo_at;
// CHECK-NEXT: // line [[#]]: const double v = x[i] * x[i];
// CHECK-NEXT: d_x[i] -= 2.0 * x[i];
// CHECK-NEXT: }
GRADC_GRAD
double spread(const double* x, int n) {
  double lo = 1e30;
  for (int i = 0; i < n; ++i) {
    const double v = x[i] * x[i];
    lo = v < lo ? v : lo;
  }
  double hi = -1e30;
  for (int i = 0; i < n; ++i) hi = std::max(x[i], hi);
  return hi - lo;
}
