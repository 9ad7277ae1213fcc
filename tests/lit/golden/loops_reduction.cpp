// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Reductions: the reverse loop recomputes what it needs; nothing is stored.
GRADC_GRAD
double dot(const double* w, const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += w[i] * x[i];
  return s;
}

GRADC_GRAD_WRT(w, b)
double logistic(const double* w, double b, const double* X, const double* y, int m, int d) {
  double loss = 0.0;
  for (int i = 0; i < m; ++i) {
    double z = b;
    for (int j = 0; j < d; ++j) z += w[j] * X[i * d + j];
    loss += std::log(1.0 + std::exp(-y[i] * z));
  }
  return loss / m;
}

// CHECK-LABEL: inline double dot_grad(const double* w, const double* x, int n, double* GRADC_RESTRICT d_w, double* GRADC_RESTRICT d_x) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_w, sizeof(double)}, {d_x, sizeof(double)}, {w, sizeof(double)}, {x, sizeof(double)}}, 2, "dot_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 11: double s = 0.0;
// CHECK-NEXT: double s = 0.0;
// CHECK-NEXT: // line 12: for (int i = 0; i < n; ++i)
// CHECK-NEXT: for (int i = 0; i < n; ++i) {
// CHECK-NEXT: // line 12: s += w[i] * x[i]
// CHECK-NEXT: s = s + w[i] * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 13: return s
// CHECK-NEXT: double dot = s;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 12: for (int i = 0; i < n; ++i)
// CHECK-NEXT: for (int i = 0; i < n; ++i) {
// CHECK-NEXT: // line 12: s += w[i] * x[i]
// CHECK-NEXT: d_x[i] += w[i];
// CHECK-NEXT: d_w[i] += x[i];
// CHECK-NEXT: }
// CHECK-NEXT: return dot;
// CHECK-NEXT: }
// CHECK-LABEL: inline double logistic_grad(const double* w, double b, const double* X, const double* y, int m, int d, double* GRADC_RESTRICT d_w, double* d_b) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_w, sizeof(double)}, {w, sizeof(double)}, {X, sizeof(double)}, {y, sizeof(double)}, {d_b, sizeof(double)}}, 1, "logistic_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 18: double loss = 0.0;
// CHECK-NEXT: double loss = 0.0;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep: what the loop below needs first
// CHECK-NEXT: // line 24: return loss / m
// CHECK-NEXT: double d_loss = 1.0 / m;
// CHECK-NEXT: // line 19: for (int i = 0; i < m; ++i)
// CHECK-NEXT: double d_b_1 = 0.0;
// CHECK-NEXT: for (int i = 0; i < m; ++i) {
// CHECK-NEXT: // line 20: double z = b;
// CHECK-NEXT: double z = b;
// CHECK-NEXT: // line 21: for (int j = 0; j < d; ++j)
// CHECK-NEXT: for (int j = 0; j < d; ++j) {
// CHECK-NEXT: // line 21: z += w[j] * X[i * d + j]
// CHECK-NEXT: z = z + w[j] * X[i * d + j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 22: loss += std::log(1.0 + std::exp(-y[i] * z))
// CHECK-NEXT: double t0 = -y[i];
// CHECK-NEXT: double t1 = std::exp(t0 * z);
// CHECK-NEXT: double t2 = 1.0 + t1;
// CHECK-NEXT: loss = loss + std::log(t2);
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep of this iteration
// CHECK-NEXT: // line 22: loss += std::log(1.0 + std::exp(-y[i] * z))
// CHECK-NEXT: double d_z = d_loss / t2 * t1 * t0;
// CHECK-NEXT: // line 21: for (int j = 0; j < d; ++j)
// CHECK-NEXT: for (int j = 0; j < d; ++j) {
// CHECK-NEXT: // line 21: z += w[j] * X[i * d + j]
// CHECK-NEXT: d_w[j] += d_z * X[i * d + j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 20: double z = b;
// CHECK-NEXT: d_b_1 += d_z;
// CHECK-NEXT: }
// CHECK-NEXT: // line 24: return loss / m
// CHECK-NEXT: double logistic = loss / m;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: *d_b += d_b_1;
// CHECK-NEXT: return logistic;
// CHECK-NEXT: }
