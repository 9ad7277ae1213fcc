// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// The sigmoid idiom (GRADC_IDIOM in templates/rules.hpp) in a float layer:
// the inline 1.0f / (1.0f + std::exp(-a)) becomes gradc::sigmoid(a), and its
// reverse is d_a = d_h * (h * (1 - h)) from the stored h[j] alone: no exp
// result is kept per unit (no t_kept array) and nothing is divided.
GRADC_GRAD_WRT(W, b)
float layer(const float* W, const float* b, const float* x) {
  float h[16];
  for (int j = 0; j < 16; ++j) {
    float a = b[j];
    for (int i = 0; i < 8; ++i) a += W[j * 8 + i] * x[i];
    h[j] = 1.0f / (1.0f + std::exp(-a));
  }
  float s = 0.0f;
  for (int j = 0; j < 16; ++j) s += h[j] * h[j];
  return s;
}

// CHECK-LABEL: inline float layer_grad(const float* W, const float* b, const float* x, float* GRADC_RESTRICT d_W, float* GRADC_RESTRICT d_b) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_W, sizeof(float)}, {d_b, sizeof(float)}, {W, sizeof(float)}, {b, sizeof(float)}, {x, sizeof(float)}}, 2, "layer_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 15: for (int j = 0; j < 16; ++j)
// CHECK-NEXT: float h[16];
// CHECK-NEXT: for (int j = 0; j < 16; ++j) {
// CHECK-NEXT: // line 16: float a = b[j];
// CHECK-NEXT: float a = b[j];
// CHECK-NEXT: // line 17: for (int i = 0; i < 8; ++i)
// CHECK-NEXT: for (int i = 0; i < 8; ++i) {
// CHECK-NEXT: // line 17: a += W[j * 8 + i] * x[i]
// CHECK-NEXT: a = a + W[j * 8 + i] * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 18: h[j] = 1.0f / (1.0f + std::exp(-a))
// CHECK-NEXT: h[j] = gradc::sigmoid(a);
// CHECK-NEXT: }
// CHECK-NEXT: // line 20: float s = 0.0f;
// CHECK-NEXT: float s = 0.0f;
// CHECK-NEXT: // line 21: for (int j = 0; j < 16; ++j)
// CHECK-NEXT: for (int j = 0; j < 16; ++j) {
// CHECK-NEXT: // line 21: s += h[j] * h[j]
// CHECK-NEXT: s = s + h[j] * h[j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 22: return s
// CHECK-NEXT: float layer = s;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 21: for (int j = 0; j < 16; ++j)
// CHECK-NEXT: float d_h[16];
// CHECK-NEXT: for (int j = 0; j < 16; ++j) {
// CHECK-NEXT: // line 21: s += h[j] * h[j]
// CHECK-NEXT: d_h[j] = 2.0f * h[j];
// CHECK-NEXT: }
// CHECK-NEXT: // line 15: for (int j = 0; j < 16; ++j)
// CHECK-NEXT: for (int j = 0; j < 16; ++j) {
// CHECK-NEXT: // line 18: h[j] = 1.0f / (1.0f + std::exp(-a))
// CHECK-NEXT: float d_a = d_h[j] * (h[j] * (1.0f - h[j]));
// CHECK-NEXT: // line 17: for (int i = 0; i < 8; ++i)
// CHECK-NEXT: for (int i = 0; i < 8; ++i) {
// CHECK-NEXT: // line 17: a += W[j * 8 + i] * x[i]
// CHECK-NEXT: d_W[j * 8 + i] += d_a * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 16: float a = b[j];
// CHECK-NEXT: d_b[j] += d_a;
// CHECK-NEXT: }
// CHECK-NEXT: return layer;
// CHECK-NEXT: }
