// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>

constexpr int N = 4;

// A local array written in one loop and read in the next: its adjoint is
// written over it (d_h[i] = 2 h[i] is the last read of h[i]), assigned, not
// zeroed; the inner loop's sum z is kept per row (4 doubles) instead of
// being recomputed.
GRADC_GRAD
double relu_layer(const double* W, const double* x) {
  double h[N];
  for (int i = 0; i < N; ++i) {
    double z = 0.0;
    for (int j = 0; j < N; ++j) z += W[i * N + j] * x[j];
    h[i] = z > 0.0 ? z : 0.0;
  }
  double out = 0.0;
  for (int i = 0; i < N; ++i) out += h[i] * h[i];
  return out;
}

// CHECK-LABEL: inline double relu_layer_grad(const double* W, const double* x, double* GRADC_RESTRICT d_W, double* GRADC_RESTRICT d_x) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_W, sizeof(double)}, {d_x, sizeof(double)}, {W, sizeof(double)}, {x, sizeof(double)}}, 2, "relu_layer_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 16: for (int i = 0; i < N; ++i)
// CHECK-NEXT: double z_kept[4];
// CHECK-NEXT: double h[4];
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line 17: double z = 0.0;
// CHECK-NEXT: double z = 0.0;
// CHECK-NEXT: // line 18: for (int j = 0; j < N; ++j)
// CHECK-NEXT: for (int j = 0; j < gradc_src::N; ++j) {
// CHECK-NEXT: // line 18: z += W[i * N + j] * x[j]
// CHECK-NEXT: z = z + W[i * gradc_src::N + j] * x[j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 18: for (int j = 0; j < N; ++j)
// CHECK-NEXT: z_kept[i] = z;
// CHECK-NEXT: // line 19: h[i] = z > 0.0 ? z : 0.0
// CHECK-NEXT: double sel0 = 0.0;
// CHECK-NEXT: if (z > 0.0) {
// CHECK-NEXT: sel0 = z;
// CHECK-NEXT: } else {
// CHECK-NEXT: sel0 = 0.0;
// CHECK-NEXT: }
// CHECK-NEXT: h[i] = sel0;
// CHECK-NEXT: }
// CHECK-NEXT: // line 21: double out = 0.0;
// CHECK-NEXT: double out = 0.0;
// CHECK-NEXT: // line 22: for (int i = 0; i < N; ++i)
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line 22: out += h[i] * h[i]
// CHECK-NEXT: out = out + h[i] * h[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 23: return out
// CHECK-NEXT: double relu_layer = out;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 22: for (int i = 0; i < N; ++i)
// CHECK-NEXT: // d_h takes the storage of h, whose elements are not read once d_h writes them
// CHECK-NEXT: double (&d_h)[4] = h;
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line 22: out += h[i] * h[i]
// CHECK-NEXT: d_h[i] = 2.0 * h[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 16: for (int i = 0; i < N; ++i)
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line 18: for (int j = 0; j < N; ++j)
// CHECK-NEXT: double z = z_kept[i];
// CHECK-NEXT: // line 19: h[i] = z > 0.0 ? z : 0.0
// CHECK-NEXT: double d_z = 0.0;
// CHECK-NEXT: if (z > 0.0) {
// CHECK-NEXT: d_z += d_h[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 18: for (int j = 0; j < N; ++j)
// CHECK-NEXT: for (int j = 0; j < gradc_src::N; ++j) {
// CHECK-NEXT: // line 18: z += W[i * N + j] * x[j]
// CHECK-NEXT: d_x[j] += d_z * W[i * gradc_src::N + j];
// CHECK-NEXT: d_W[i * gradc_src::N + j] += d_z * x[j];
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return relu_layer;
// CHECK-NEXT: }
