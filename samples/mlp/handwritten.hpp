// A hand-written float backward pass for the MLP loss in model.cpp, the way
// one writes it for a microcontroller: the forward pass keeps the hidden
// activations h and the outputs o, then the textbook backprop equations
//
//   δo  = (o − t) ⊙ o ⊙ (1 − o)        (squared error through the sigmoid)
//   dW2 = δo hᵀ,  db2 = δo
//   δh  = (W2ᵀ δo) ⊙ h ⊙ (1 − h)
//   dW1 = δh xᵀ,  db1 = δh
//
// Same calling convention as the generated mlp::loss_grad: the primal
// arguments, then the adjoints of W1, b1, W2, b2 (same sizes). Returns the loss
// and ACCUMULATES into the adjoints; the caller zeroes them.
#ifndef GRADC_SAMPLES_MLP_HANDWRITTEN_HPP
#define GRADC_SAMPLES_MLP_HANDWRITTEN_HPP

#include "model.hpp"

#include <cmath>

namespace mlp_hand {

using mlp::D;
using mlp::H;
using mlp::K;

inline float loss_grad(const float* W1, const float* b1, const float* W2, const float* b2,
                       const float* x, const float* t, float* d_W1, float* d_b1, float* d_W2,
                       float* d_b2) {
  // forward: h = σ(W1 x + b1), o = σ(W2 h + b2), L = ½|o − t|²
  float h[H];
  for (int j = 0; j < H; ++j) {
    float a = b1[j];
    for (int i = 0; i < D; ++i) a += W1[j * D + i] * x[i];
    h[j] = 1.0f / (1.0f + std::exp(-a));
  }
  float o[K];
  float L = 0.0f;
  for (int k = 0; k < K; ++k) {
    float z = b2[k];
    for (int j = 0; j < H; ++j) z += W2[k * H + j] * h[j];
    o[k] = 1.0f / (1.0f + std::exp(-z));
    const float e = o[k] - t[k];
    L += 0.5f * e * e;
  }

  // backward through the output layer; δh gathers W2ᵀ δo as it goes
  float dh[H] = {};
  for (int k = 0; k < K; ++k) {
    const float dz = (o[k] - t[k]) * o[k] * (1.0f - o[k]);  // δo: dL/do · σ'(z)
    d_b2[k] += dz;
    const float* w2k = W2 + k * H;
    float* dw2k = d_W2 + k * H;
    for (int j = 0; j < H; ++j) {
      dw2k[j] += dz * h[j];  // dW2 = δo hᵀ
      dh[j] += w2k[j] * dz;  // W2ᵀ δo
    }
  }
  // backward through the hidden layer
  for (int j = 0; j < H; ++j) {
    const float da = dh[j] * h[j] * (1.0f - h[j]);  // δh
    d_b1[j] += da;
    float* dw1j = d_W1 + j * D;
    for (int i = 0; i < D; ++i) dw1j[i] += da * x[i];  // dW1 = δh xᵀ
  }
  return L;
}

}  // namespace mlp_hand

#endif  // GRADC_SAMPLES_MLP_HANDWRITTEN_HPP
