// A two-layer sigmoid MLP, 784-128-10, trained with squared error: the
// embedded-training use case (float, fixed sizes, no heap). The loss is
// written as an ordinary forward pass and marked for gradc, which writes
// mlp::loss_grad / mlp::loss_pullback (gradient w.r.t. the weights and biases
// only) into model.grad.hpp. handwritten.hpp has the same gradient by hand.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace mlp {

GRADC_GRAD_WRT(W1, b1, W2, b2)
float loss(const float* W1, const float* b1, const float* W2, const float* b2, const float* x,
           const float* t) {
  // hidden layer: h = sigmoid(W1 x + b1)
  float h[H];
  for (int j = 0; j < H; ++j) {
    float a = b1[j];
    for (int i = 0; i < D; ++i) a += W1[j * D + i] * x[i];
    h[j] = 1.0f / (1.0f + std::exp(-a));
  }
  // output layer o = sigmoid(W2 h + b2), and the squared error against t
  float L = 0.0f;
  for (int k = 0; k < K; ++k) {
    float z = b2[k];
    for (int j = 0; j < H; ++j) z += W2[k * H + j] * h[j];
    float o = 1.0f / (1.0f + std::exp(-z));
    float e = o - t[k];
    L += 0.5f * e * e;
  }
  return L;
}

}  // namespace mlp
