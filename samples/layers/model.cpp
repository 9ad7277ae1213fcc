// The loss of a two-layer classifier, written with layer functions over
// parameter structs, as one writes a model by hand. loss is marked for gradc,
// which differentiates it w.r.t. net (every float in it) and writes, in
// model.grad.hpp,
//
//   float loss_grad(const Net& net, const float* x, int label, Net* d_net);
//   void loss_pullback(const Net& net, const float* x, int label, float d_ret, Net* d_net);
//
// (d_net accumulates; the caller zeroes it). The helpers are ordinary unmarked
// functions that gradc differentiates through; softmax_xent is the exception:
// its derivative is the user rule softmax_xent_pullback below, which gradc
// uses instead of its body. handwritten.hpp has the same gradient by hand.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

#ifndef GRADC_PULLBACK_OF  // (until gradc.h defines it)
#define GRADC_PULLBACK_OF(f)
#endif

namespace layers {

// y = tanh(W x + b)
static void dense_tanh(const Dense<D, H>& L, const float* x, float* y) {
  for (int j = 0; j < H; ++j) {
    float a = L.b[j];
    for (int i = 0; i < D; ++i) a += L.W[j][i] * x[i];
    y[j] = std::tanh(a);
  }
}

// z = W x + b
static void dense_linear(const Dense<H, K>& L, const float* x, float* z) {
  for (int k = 0; k < K; ++k) {
    float a = L.b[k];
    for (int j = 0; j < H; ++j) a += L.W[k][j] * x[j];
    z[k] = a;
  }
}

// -log softmax(z)[label] = log Σ_k e^{z_k} − z_label, computed as
// m + log Σ_k e^{z_k − m} − z_label with m = max_k z_k, so that no exp
// overflows however large the logits are.
static float softmax_xent(const float* z, int label) {
  int top = 0;
  for (int k = 1; k < K; ++k) {
    if (z[k] > z[top]) top = k;
  }
  const float m = z[top];
  float s = 0.0f;
  for (int k = 0; k < K; ++k) s += std::exp(z[k] - m);
  return m + std::log(s) - z[label];
}

// The derivative of softmax_xent, fused: d/dz_k = softmax(z)_k − [k = label].
// Simpler and cheaper than differentiating the body (no adjoint flows through
// the max, which cancels, and log Σ e^{...} needs no reverse sweep of its own).
// Used by gradc's generated code only, hence [[maybe_unused]].
GRADC_PULLBACK_OF(softmax_xent)
[[maybe_unused]] static void softmax_xent_pullback(const float* z, int label, float d_ret,
                                                   float* d_z) {
  int top = 0;
  for (int k = 1; k < K; ++k) {
    if (z[k] > z[top]) top = k;
  }
  const float m = z[top];
  float e[K];
  float s = 0.0f;
  for (int k = 0; k < K; ++k) {
    e[k] = std::exp(z[k] - m);
    s += e[k];
  }
  for (int k = 0; k < K; ++k) d_z[k] += d_ret * (e[k] / s - (k == label ? 1.0f : 0.0f));
}

GRADC_GRAD_WRT(net)
float loss(const Net& net, const float* x, int label) {
  float h[H];
  dense_tanh(net.l1, x, h);
  float z[K];
  dense_linear(net.l2, h, z);
  return softmax_xent(z, label);
}

}  // namespace layers
