// Softmax regression's loss, written the way one would write the forward pass
// by hand, and marked for gradc. gradc reads this file and writes
// softmax_regression::loss_grad / loss_pullback into model.grad.hpp;
// handwritten.hpp has the textbook backward pass to compare against.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace softmax_regression {

// loss = -log softmax(z)_y = log(sum_k exp(z_k)) - z_y with z = W x + b,
// computed as m + log(sum_k exp(z_k - m)) with m = max_k z_k, so that no
// exp overflows however large the logits are.
//
// Gradient w.r.t. every floating-point parameter: W, b and x (y is an int).
GRADC_GRAD
double loss(const double* W, const double* b, const double* x, int y) {
  // logits z = W x + b
  double z[K];
  for (int k = 0; k < K; ++k) {
    double zk = b[k];
    for (int j = 0; j < D; ++j) zk += W[k * D + j] * x[j];
    z[k] = zk;
  }
  // the largest logit (mathematically, the loss does not depend on it)
  int top = 0;
  for (int k = 1; k < K; ++k) {
    if (z[k] > z[top]) top = k;
  }
  const double m = z[top];
  // log-sum-exp, shifted by m
  double sum = 0.0;
  for (int k = 0; k < K; ++k) sum += std::exp(z[k] - m);
  return m + std::log(sum) - z[y];
}

}  // namespace softmax_regression
