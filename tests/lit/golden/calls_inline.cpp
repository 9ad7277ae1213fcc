// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp -I%S

#include <gradc/gradc.h>
#include <cmath>

// Calls into unmarked functions are inlined: the callee's statements appear
// in the caller's sweeps, commented with the callee's name; its array and
// struct parameters are the caller's (no copies), its scalars are locals.
// A struct parameter's members are bound once at the top, its adjoint is a
// struct of the same type.
#include "Inputs/calls_inline.hpp"  // struct Layer { float W[2][3]; float b[2]; };

static void dense(const Layer& L, const float* x, float* y) {
  for (int j = 0; j < 2; ++j) {
    float a = L.b[j];
    for (int i = 0; i < 3; ++i) a += L.W[j][i] * x[i];
    y[j] = a;
  }
}

static float sq(float v) { return v * v; }

GRADC_GRAD_WRT(layer)
float loss(const Layer& layer, const float* x) {
  float y[2];
  dense(layer, x, y);
  return sq(y[0]) + sq(y[1]);
}

// CHECK-LABEL: inline float loss_grad(const Layer& layer, const float* x, Layer* GRADC_RESTRICT d_layer) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_layer, sizeof(Layer)}, {&layer, sizeof(Layer)}, {x, sizeof(float)}}, 1, "loss_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: const float* layer_b = layer.b;
// CHECK-NEXT: const float* layer_W = &layer.W[0][0];
// CHECK-NEXT: float* d_layer_b = d_layer->b;
// CHECK-NEXT: float* d_layer_W = &d_layer->W[0][0];
// CHECK-NEXT: // line 16 (dense): for (int j = 0; j < 2; ++j)
// CHECK-NEXT: float y[2];
// CHECK-NEXT: for (int j = 0; j < 2; ++j) {
// CHECK-NEXT: // line 17 (dense): float a = L.b[j];
// CHECK-NEXT: float a = layer_b[j];
// CHECK-NEXT: // line 18 (dense): for (int i = 0; i < 3; ++i)
// CHECK-NEXT: for (int i = 0; i < 3; ++i) {
// CHECK-NEXT: // line 18 (dense): a += L.W[j][i] * x[i]
// CHECK-NEXT: a = a + layer_W[j * 3 + i] * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 19 (dense): y[j] = a
// CHECK-NEXT: y[j] = a;
// CHECK-NEXT: }
// CHECK-NEXT: // line 29: return sq(y[0]) + sq(y[1])
// CHECK-NEXT: float v = y[0];
// CHECK-NEXT: // line 23 (sq): return v * v
// CHECK-NEXT: float sq = v * v;
// CHECK-NEXT: // line 29: return sq(y[0]) + sq(y[1])
// CHECK-NEXT: float v_1 = y[1];
// CHECK-NEXT: // line 23 (sq): return v * v
// CHECK-NEXT: float sq_1 = v_1 * v_1;
// CHECK-NEXT: // line 29: return sq(y[0]) + sq(y[1])
// CHECK-NEXT: float loss = sq + sq_1;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 23 (sq): return v * v
// CHECK-NEXT: float d_v = 2.0f * v_1;
// CHECK-NEXT: // line 29: return sq(y[0]) + sq(y[1])
// CHECK-NEXT: // d_y takes the storage of y, whose elements are not read once d_y writes them
// CHECK-NEXT: float (&d_y)[2] = y;
// CHECK-NEXT: gradc::zero(d_y);
// CHECK-NEXT: d_y[1] += d_v;
// CHECK-NEXT: // line 23 (sq): return v * v
// CHECK-NEXT: float d_v_1 = 2.0f * v;
// CHECK-NEXT: // line 29: return sq(y[0]) + sq(y[1])
// CHECK-NEXT: d_y[0] += d_v_1;
// CHECK-NEXT: // line 16 (dense): for (int j = 0; j < 2; ++j)
// CHECK-NEXT: for (int j = 0; j < 2; ++j) {
// CHECK-NEXT: // line 19 (dense): y[j] = a
// CHECK-NEXT: float d_a = d_y[j];
// CHECK-NEXT: // line 18 (dense): for (int i = 0; i < 3; ++i)
// CHECK-NEXT: for (int i = 0; i < 3; ++i) {
// CHECK-NEXT: // line 18 (dense): a += L.W[j][i] * x[i]
// CHECK-NEXT: d_layer_W[j * 3 + i] += d_a * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 17 (dense): float a = L.b[j];
// CHECK-NEXT: d_layer_b[j] += d_a;
// CHECK-NEXT: }
// CHECK-NEXT: return loss;
// CHECK-NEXT: }
