// Library calls run for their effects (peer suites' memset, memcpy,
// fprintf(stderr, ...), a helper printing a string literal, a GRADC_NONDIFF
// helper as an index): `memset(a, 0, bytes)` and `memcpy(dst, src, bytes)`
// of whole elements between arrays of one type are element loops (a scalar's
// an assignment); `fprintf(stderr, ...)` and a string literal passed on to a
// helper are evaluated in the forward sweep, no derivative; a GRADC_NONDIFF
// helper used in an index or a condition is inlined before the expression.
// A byte count that is not whole elements, a byte other than 0, and memcpy
// between types (a bit reinterpretation) stay rejected:
// diagnostics/memory_calls.cpp, diagnostics/memcpy.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp 2>&1 | %FileCheck --check-prefix=OUT %s
#include <gradc/gradc.h>

#include <cmath>
#include <cstdio>
#include <cstring>

// memset to zero and memcpy between double arrays: element loops.
// CHECK-LABEL: inline double memset_fill_grad(
// CHECK: // line [[@LINE+5]]: memset(acc, 0, sizeof(acc))
// CHECK-NEXT: double acc[3] = {};
GRADC_GRAD
double memset_fill(const double* x, int n) {
  double acc[3];
  memset(acc, 0, sizeof(acc));
  for (int i = 0; i < n; i++) acc[i] += std::exp(x[i]);
  return acc[0] * acc[1] + acc[2];
}

// CHECK-LABEL: inline double memcpy_copy_grad(
// CHECK: // line [[@LINE+8]]: std::memcpy(tmp, x, sizeof(double) * n)
// CHECK-NEXT: double tmp[4];
// CHECK-NEXT: for (int k0 = 0; k0 < n; ++k0) {
// CHECK-NEXT: tmp[k0] = x[k0];
// CHECK: double y = x[1];
GRADC_GRAD
double memcpy_copy(const double* x, int n) {
  double tmp[4];
  std::memcpy(tmp, x, sizeof(double) * n);
  std::memcpy(tmp + 3, x, sizeof tmp[0]);
  double y = 0;
  memcpy(&y, &x[1], sizeof y);
  double s = y;
  for (int i = 0; i < n; i++) s += tmp[i] * tmp[i] * tmp[3];
  return s;
}

// fprintf(stderr, ...) and a helper printing a string: effects, no derivative.
// CHECK-LABEL: inline double logged_grad(
// CHECK: fprintf(stderr, "logging %g\n", r);
// CHECK: std::printf("%s %f\n", "r", v);
// CHECK: // reverse sweep
// CHECK-NOT: printf
// CHECK: return logged;
void report(const char* what, double v) { std::printf("%s %f\n", what, v); }

GRADC_GRAD
double logged(double x, double y) {
  double r = std::exp(x) * y;
  fprintf(stderr, "logging %g\n", r);
  report("r", r);
  return r * x;
}

// A GRADC_NONDIFF helper as an index and in a condition.
// CHECK-LABEL: inline double nondiff_index_grad(
// CHECK: int argmax_index_[[K:[0-9]+]] = argmax_index;
// CHECK: double r = x[argmax_index_[[K]]] * 2.0 + x[0];
// CHECK: d_x[argmax_index_[[K]]] += d_r * 2.0;
GRADC_NONDIFF
int argmax_index(const double* v, int n) {
  int k = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[k]) k = i;
  return k;
}
GRADC_GRAD
double nondiff_index(const double* x, int n) {
  double r = x[argmax_index(x, n)] * 2 + x[0];
  if (argmax_index(x, n) == 0) r *= x[1];
  return r;
}

// Through a helper inlined twice: each inlining calls it anew.
double pick(const double* v) { return v[argmax_index(v, 3)]; }
GRADC_GRAD
double picked_twice(const double* x, const double* y) { return pick(x) * pick(y); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

int main() {
  bool ok = true;
  {
    std::vector<double> x = {0.3, -0.2, 0.5}, d(3, 0.0);
    ok &= memset_fill_grad(x.data(), 3, d.data()) == memset_fill(x.data(), 3);
    double e0 = std::exp(x[0]), e1 = std::exp(x[1]), e2 = std::exp(x[2]);
    ok &= std::fabs(d[0] - e0 * e1) < 1e-15 && std::fabs(d[1] - e0 * e1) < 1e-15 && std::fabs(d[2] - e2) < 1e-15;
    ok &= reportGradient("memset_fill", x, d, [&] { return memset_fill(x.data(), 3); });
  }
  for (int n : {2, 3}) {
    std::vector<double> x = {0.7, -1.3, 0.4}, d(3, 0.0);
    ok &= memcpy_copy_grad(x.data(), n, d.data()) == memcpy_copy(x.data(), n);
    // x1 + x0 sum_{i<n} t_i^2 with t = (x0, x1, x2) (tmp[3] = x0)
    double sq = 0;
    for (int i = 0; i < n; ++i) sq += x[i] * x[i];
    double by_hand[3] = {sq + 2 * x[0] * x[0], 1 + 2 * x[0] * x[1], n > 2 ? 2 * x[0] * x[2] : 0.0};
    double vs_hand = 0;
    for (int i = 0; i < 3; ++i) vs_hand = std::fmax(vs_hand, std::fabs(d[i] - by_hand[i]));
    std::printf("memcpy_copy n=%d vs hand-written %.1e\n", n, vs_hand);
    ok &= vs_hand < 1e-14;
    ok &= reportGradient("memcpy_copy", x, d, [&] { return memcpy_copy(x.data(), n); });
  }
  {
    // OUT-DAG: {{^}}logging 4.52023{{$}}
    // OUT-DAG: {{^}}r 4.520229{{$}}
    std::vector<double> p = {0.4, 3.03}, d(2, 0.0);
    ok &= logged_grad(p[0], p[1], &d[0], &d[1]) == logged(p[0], p[1]);
    double r = std::exp(p[0]) * p[1];
    ok &= std::fabs(d[0] - (r * p[0] + r)) < 1e-14 && std::fabs(d[1] - std::exp(p[0]) * p[0]) < 1e-14;
    ok &= reportGradient("logged", p, d, [&] { return logged(p[0], p[1]); });
  }
  for (double first : {0.5, 2.5}) {
    std::vector<double> x = {first, 1.5, 0.25, -2.0}, d(4, 0.0);
    ok &= nondiff_index_grad(x.data(), 4, d.data()) == nondiff_index(x.data(), 4);
    // argmax 1: 2 x1 + x0; argmax 0: (2 x0 + x0) x1
    bool at0 = first > 1.5;
    double h0 = at0 ? 3 * x[1] : 1.0, h1 = at0 ? 3 * x[0] : 2.0;
    ok &= std::fabs(d[0] - h0) < 1e-15 && std::fabs(d[1] - h1) < 1e-15 && d[2] == 0 && d[3] == 0;
    ok &= reportGradient("nondiff_index", x, d, [&] { return nondiff_index(x.data(), 4); });
  }
  {
    std::vector<double> p = {0.5, 2.0, -1.0, 3.0, 0.25, 1.0}, d(6, 0.0);
    ok &= picked_twice_grad(&p[0], &p[3], &d[0], &d[3]) == picked_twice(&p[0], &p[3]);
    ok &= d[1] == p[3] && d[3] == p[1] && d[0] == 0 && d[2] == 0 && d[4] == 0 && d[5] == 0;
    ok &= reportGradient("picked_twice", p, d, [&] { return picked_twice(&p[0], &p[3]); });
  }
  return ok ? 0 : 1;
}
#endif
