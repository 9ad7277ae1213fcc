// A hand-written float backward pass for the loss in model.cpp, the one a
// careful person writes: the forward pass keeps only the hidden activations h
// and the softmax probabilities p, then
//
//   δz  = p − onehot(label)              (softmax and cross-entropy, fused)
//   dW2 = δz hᵀ,  db2 = δz
//   δh  = (W2ᵀ δz) ⊙ (1 − h²)            (tanh' from the kept h, no second tanh)
//   dW1 = δh xᵀ,  db1 = δh
//
// W2ᵀ δz is gathered in the same sweep over W2 that writes dW2. No heap; the
// stack holds h[H], p[K] and δh[H].
//
// Same convention as the generated layers::loss_grad: returns the loss and
// ACCUMULATES into *d_net (the caller zeroes it).
#ifndef GRADC_SAMPLES_LAYERS_HANDWRITTEN_HPP
#define GRADC_SAMPLES_LAYERS_HANDWRITTEN_HPP

#include "model.hpp"

#include <cmath>

namespace layers {

inline float loss_backprop(const Net& net, const float* x, int label, Net* d_net) {
  // forward: h = tanh(W1 x + b1), z = W2 h + b2 (as model.cpp computes them)
  float h[H];
  for (int j = 0; j < H; ++j) {
    float a = net.l1.b[j];
    for (int i = 0; i < D; ++i) a += net.l1.W[j][i] * x[i];
    h[j] = std::tanh(a);
  }
  float p[K];  // the logits z, then e^{z−m}, then softmax(z)
  for (int k = 0; k < K; ++k) {
    float a = net.l2.b[k];
    for (int j = 0; j < H; ++j) a += net.l2.W[k][j] * h[j];
    p[k] = a;
  }
  // L = m + log Σ e^{z−m} − z_label, with m = max z (the primal's formula)
  int top = 0;
  for (int k = 1; k < K; ++k) {
    if (p[k] > p[top]) top = k;
  }
  const float m = p[top];
  const float z_label = p[label];
  float s = 0.0f;
  for (int k = 0; k < K; ++k) {
    p[k] = std::exp(p[k] - m);
    s += p[k];
  }
  const float L = m + std::log(s) - z_label;

  // backward through the output layer; δh gathers W2ᵀ δz as it goes
  Dense<H, K>& d2 = d_net->l2;
  const float inv_s = 1.0f / s;
  float dh[H] = {};
  for (int k = 0; k < K; ++k) {
    const float dz = p[k] * inv_s - (k == label ? 1.0f : 0.0f);  // δz = p − onehot
    d2.b[k] += dz;
    const float* w2k = net.l2.W[k];
    float* dw2k = d2.W[k];
    for (int j = 0; j < H; ++j) {
      dw2k[j] += dz * h[j];  // dW2 = δz hᵀ
      dh[j] += w2k[j] * dz;  // W2ᵀ δz
    }
  }
  // backward through the hidden layer
  Dense<D, H>& d1 = d_net->l1;
  for (int j = 0; j < H; ++j) {
    const float da = dh[j] * (1.0f - h[j] * h[j]);  // δh = W2ᵀδz ⊙ tanh'
    d1.b[j] += da;
    float* dw1j = d1.W[j];
    for (int i = 0; i < D; ++i) dw1j[i] += da * x[i];  // dW1 = δh xᵀ
  }
  return L;
}

}  // namespace layers

#endif  // GRADC_SAMPLES_LAYERS_HANDWRITTEN_HPP
