// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>

constexpr int kMax = 1024;

inline void rhs(int n, const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < n; ++i) ydot[i] = x[i] * y[i - 1];
}

// Stage arrays of a fixed maximum size, n elements used: each reverse step
// zeroes the adjoints up to what its loops touch (n, and element 0), not all
// kMax elements (`= {}`, 8 KiB per array and step).
// CHECK-LABEL: inline double euler_grad(const double* x, int n, int s, double* GRADC_RESTRICT d_x, void* work, std::size_t work_bytes) {
// CHECK: for (int step = s - 1; step >= 0; --step) {
// CHECK-NOT: = {};
// CHECK: double d_k1[1024];
// CHECK-NEXT: for (int k = 0; k < (n > 1 ? n : 1); ++k) {
// CHECK-NEXT: d_k1[k] = 0.0;
// CHECK-NEXT: }
// CHECK-NOT: = {};
// CHECK: return euler;
GRADC_GRAD_WRT(x)
double euler(const double* x, int n, int s) {
  const double h = 1.0 / s;
  double y[kMax];
  for (int i = 0; i < n; ++i) y[i] = 0.0;
  for (int step = 0; step < s; ++step) {
    double k1[kMax];
    rhs(n, x, y, k1);
    for (int i = 0; i < n; ++i) y[i] = y[i] + h * k1[i];
  }
  return y[n - 1];
}

// a[i + 1] under a loop to n, a[i] under one to n + 1, and a[0]: the fill
// runs to n + 1 (at least 1). An array whose loops span it whole is zeroed
// by its declaration.
// CHECK-LABEL: inline double stencil_grad(const double* w, int n, double* GRADC_RESTRICT d_w) {
// CHECK: double d_c[4] = {};
// CHECK: double d_a[1024];
// CHECK-NEXT: for (int k = 0; k < (n + 1 > 1 ? n + 1 : 1); ++k) {
// CHECK-NEXT: d_a[k] = 0.0;
// CHECK-NEXT: }
GRADC_GRAD_WRT(w)
double stencil(const double* w, int n) {
  double total = 0.0;
  for (int r = 0; r < 3; ++r) {
    double a[kMax];
    for (int i = 0; i < n + 1; ++i) a[i] = w[i] * (r + 1.0);
    double c[4];
    for (int i = 0; i < 4; ++i) c[i] = w[i] * w[i] * r;
    for (int i = 0; i < n; ++i) total += a[i + 1] * a[i];
    for (int i = 0; i < 4; ++i) total += c[i] * a[0];
  }
  return total;
}
