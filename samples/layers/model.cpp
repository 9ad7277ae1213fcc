// The loss of a two-layer classifier, written with layer functions over
// parameter structs, as one writes a model by hand. loss is marked for gradc,
// which differentiates it w.r.t. net (every float in it) and writes, in
// model.grad.hpp,
//
//   float loss_grad(const Net& net, const float* x, int label, Net* d_net);
//   void loss_pullback(const Net& net, const float* x, int label, float d_ret, Net* d_net);
//
// (d_net accumulates; the caller zeroes it). The helpers are ordinary unmarked
// functions that gradc inlines and differentiates through, the max-shifted
// softmax_xent included (the shift's adjoints cancel: the gradient is
// softmax(z) - onehot(label) and stays finite for huge logits).
// handwritten.hpp has the same gradient by hand.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

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

GRADC_GRAD_WRT(net)
float loss(const Net& net, const float* x, int label) {
  float h[H];
  dense_tanh(net.l1, x, h);
  float z[K];
  dense_linear(net.l2, h, z);
  return softmax_xent(z, label);
}

}  // namespace layers
