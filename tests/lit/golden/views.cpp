// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Views into arrays: a helper's pointer parameter bound to `W + j * d` and a
// local `const double* row`, an output written through `*err`, and a
// `double&` output. The offset of a view is a local int fixed where the view
// is made; its elements are the array's (`W[row_off + i]`), in both sweeps.
static double dot(const double* a, const double* b, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

GRADC_GRAD_WRT(W)
double layer(const double* W, const double* x, int d) {
  double s = 0.0;
  for (int j = 0; j < 2; ++j) {
    const double* row = W + j * d;
    s += std::tanh(dot(row, x, d)) * *row;
  }
  return s;
}

GRADC_GRAD
void residual(const double* x, double* err) { *err = x[0] * x[1] - *x; }

GRADC_GRAD
void square(const double& a, double& out) { out = a * a; }

// CHECK-LABEL: inline double layer_grad(const double* W, const double* x, int d, double* GRADC_RESTRICT d_W) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_W, sizeof(double)}, {W, sizeof(double)}, {x, sizeof(double)}}, 1, "layer_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 20: double s = 0.0;
// CHECK-NEXT: double s = 0.0;
// CHECK-NEXT: // line 21: for (int j = 0; j < 2; ++j)
// CHECK-NEXT: for (int j = 0; j < 2; ++j) {
// CHECK-NEXT: // line 13 (dot): double s = 0.0;
// CHECK-NEXT: double s_1 = 0.0;
// CHECK-NEXT: // line 14 (dot): for (int i = 0; i < n; ++i)
// CHECK-NEXT: for (int i = 0; i < d; ++i) {
// CHECK-NEXT: // line 14 (dot): s += a[i] * b[i]
// CHECK-NEXT: s_1 = s_1 + W[j * d + i] * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 15 (dot): return s
// CHECK-NEXT: double dot = s_1;
// CHECK-NEXT: // line 23: s += std::tanh(dot(row, x, d)) * *row
// CHECK-NEXT: double t0 = std::tanh(dot);
// CHECK-NEXT: double t1 = W[j * d];
// CHECK-NEXT: s = s + t0 * t1;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep of this iteration
// CHECK-NEXT: // line 23: s += std::tanh(dot(row, x, d)) * *row
// CHECK-NEXT: d_W[j * d] += t0;
// CHECK-NEXT: double d_dot = t1 * (1.0 - t0 * t0);
// CHECK-NEXT: // line 14 (dot): for (int i = 0; i < n; ++i)
// CHECK-NEXT: for (int i = 0; i < d; ++i) {
// CHECK-NEXT: // line 14 (dot): s += a[i] * b[i]
// CHECK-NEXT: d_W[j * d + i] += d_dot * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // line 25: return s
// CHECK-NEXT: double layer = s;
// CHECK-NEXT: return layer;
// CHECK-NEXT: }
// CHECK-LABEL: inline void residual_pullback(const double* x, double* err, double* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_err) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_x, sizeof(double)}, {d_err, sizeof(double)}, {x, sizeof(double)}, {err, sizeof(double)}}, 2, "residual_pullback: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 29: *err = x[0] * x[1] - *x
// CHECK-NEXT: double t0 = x[0];
// CHECK-NEXT: double t1 = x[1];
// CHECK-NEXT: err[0] = t0 * t1 - x[0];
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 29: *err = x[0] * x[1] - *x
// CHECK-NEXT: double d_t2 = d_err[0];
// CHECK-NEXT: d_err[0] = 0.0;
// CHECK-NEXT: d_x[0] -= d_t2;
// CHECK-NEXT: d_x[1] += d_t2 * t0;
// CHECK-NEXT: d_x[0] += d_t2 * t1;
// CHECK-NEXT: }
// CHECK-LABEL: inline void square_pullback(const double& a, double& out, double* d_a, double* GRADC_RESTRICT d_out) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_out, 1 * sizeof(double)}, {&a, sizeof(double)}, {&out, 1 * sizeof(double)}, {d_a, sizeof(double)}}, 1, "square_pullback: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 32: out = a * a
// CHECK-NEXT: out = a * a;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 32: out = a * a
// CHECK-NEXT: double d_t0 = d_out[0];
// CHECK-NEXT: d_out[0] = 0.0;
// CHECK-NEXT: *d_a += d_t0 * (2.0 * a);
// CHECK-NEXT: }
