// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp -I%S

#include <gradc/gradc.h>
#include <cmath>

// A user rule for a function taking an array is called, not inlined: the
// forward sweep calls softmax_xent itself, the reverse sweep calls the
// user's pullback with the arguments as they were at the call, the seed,
// and the adjoint array (local here: the logits are computed in the
// function), which it adds into.
#include "Inputs/softmax_xent.hpp"

constexpr int kClasses = 4;

GRADC_GRAD_WRT(W)
float classify_loss(const float* W, const float* x, int label) {
  float z[kClasses];
  for (int k = 0; k < kClasses; ++k) z[k] = std::tanh(W[2 * k] * x[0] + W[2 * k + 1] * x[1]);
  return nn::softmax_xent(z, label, kClasses);
}

// The caller's logits: the pullback adds into the caller's adjoint d_logits.
GRADC_GRAD
float logits_loss(const float* logits, int label) { return 0.5f * nn::softmax_xent(logits, label, kClasses); }

// CHECK-LABEL: inline float classify_loss_grad(const float* W, const float* x, int label, float* GRADC_RESTRICT d_W) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_W, sizeof(float)}, {W, sizeof(float)}, {x, sizeof(float)}}, 1, "classify_loss_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 20: for (int k = 0; k < kClasses; ++k)
// CHECK-NEXT: float z[4];
// CHECK-NEXT: for (int k = 0; k < gradc_src::kClasses; ++k) {
// CHECK-NEXT: // line 20: z[k] = std::tanh(W[2 * k] * x[0] + W[2 * k + 1] * x[1])
// CHECK-NEXT: z[k] = std::tanh(W[2 * k] * x[0] + W[2 * k + 1] * x[1]);
// CHECK-NEXT: }
// CHECK-NEXT: // line 21: return nn::softmax_xent(z, label, kClasses)
// CHECK-NEXT: float classify_loss = nn::softmax_xent(z, label, gradc_src::kClasses);
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 21: return nn::softmax_xent(z, label, kClasses)
// CHECK-NEXT: float d_z[4] = {};
// CHECK-NEXT: nn::softmax_xent_pullback(z, label, gradc_src::kClasses, 1.0f, d_z);
// CHECK-NEXT: // line 20: for (int k = 0; k < kClasses; ++k)
// CHECK-NEXT: for (int k = 0; k < gradc_src::kClasses; ++k) {
// CHECK-NEXT: // line 20: z[k] = std::tanh(W[2 * k] * x[0] + W[2 * k + 1] * x[1])
// CHECK-NEXT: float d_t0 = d_z[k] * (1.0f - z[k] * z[k]);
// CHECK-NEXT: d_W[2 * k + 1] += d_t0 * x[1];
// CHECK-NEXT: d_W[2 * k] += d_t0 * x[0];
// CHECK-NEXT: }
// CHECK-NEXT: return classify_loss;
// CHECK-NEXT: }
// CHECK-LABEL: inline float logits_loss_grad(const float* logits, int label, float* GRADC_RESTRICT d_logits) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_logits, sizeof(float)}, {logits, sizeof(float)}}, 1, "logits_loss_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 26: return 0.5f * nn::softmax_xent(logits, label, kClasses)
// CHECK-NEXT: float logits_loss = 0.5f * nn::softmax_xent(logits, label, gradc_src::kClasses);
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 26: return 0.5f * nn::softmax_xent(logits, label, kClasses)
// CHECK-NEXT: nn::softmax_xent_pullback(logits, label, gradc_src::kClasses, 0.5f, d_logits);
// CHECK-NEXT: return logits_loss;
// CHECK-NEXT: }
