// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

constexpr int N = 4;

// An output pointer: the pullback is a vector-Jacobian product; d_h is the
// seed, read and then zeroed.
GRADC_GRAD
void dense(const double* W, const double* b, const double* x, double* h) {
  for (int i = 0; i < N; ++i) {
    double z = b[i];
    for (int j = 0; j < N; ++j) z += W[i * N + j] * x[j];
    h[i] = std::tanh(z);
  }
}

// CHECK-LABEL: inline void dense_pullback(const double* W, const double* b, const double* x, double* h, double* GRADC_RESTRICT d_W, double* GRADC_RESTRICT d_b, double* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_h) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_W, sizeof(double)}, {d_b, sizeof(double)}, {d_x, sizeof(double)}, {d_h, sizeof(double)}, {W, sizeof(double)}, {b, sizeof(double)}, {x, sizeof(double)}, {h, sizeof(double)}}, 4, "dense_pullback: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 14: for (int i = 0; i < N; ++i)
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line 15: double z = b[i];
// CHECK-NEXT: double z = b[i];
// CHECK-NEXT: // line 16: for (int j = 0; j < N; ++j)
// CHECK-NEXT: for (int j = 0; j < gradc_src::N; ++j) {
// CHECK-NEXT: // line 16: z += W[i * N + j] * x[j]
// CHECK-NEXT: z = z + W[i * gradc_src::N + j] * x[j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 17: h[i] = std::tanh(z)
// CHECK-NEXT: h[i] = std::tanh(z);
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 14: for (int i = 0; i < N; ++i)
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line 17: h[i] = std::tanh(z)
// CHECK-NEXT: double d_t0 = d_h[i];
// CHECK-NEXT: d_h[i] = 0.0;
// CHECK-NEXT: double d_z = d_t0 * (1.0 - h[i] * h[i]);
// CHECK-NEXT: // line 16: for (int j = 0; j < N; ++j)
// CHECK-NEXT: for (int j = 0; j < gradc_src::N; ++j) {
// CHECK-NEXT: // line 16: z += W[i * N + j] * x[j]
// CHECK-NEXT: d_x[j] += d_z * W[i * gradc_src::N + j];
// CHECK-NEXT: d_W[i * gradc_src::N + j] += d_z * x[j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 15: double z = b[i];
// CHECK-NEXT: d_b[i] += d_z;
// CHECK-NEXT: }
// CHECK-NEXT: }
