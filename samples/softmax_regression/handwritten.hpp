// The textbook backward pass of softmax regression (e.g. CS231n, "Linear
// classification"; Bishop, PRML 4.3.4): with p = softmax(z), z = W x + b,
//   dz = p - onehot(y),  dW = dz x^T,  db = dz,  dx = W^T dz.
//
// Same calling convention as the generated softmax_regression::loss_grad: the
// primal arguments, then the adjoints of W, b and x. Returns the loss and
// ACCUMULATES into the adjoints (d_W[k*D + j] += dloss/dW[k*D + j], ...); the
// caller zeroes them.
#ifndef GRADC_SAMPLES_SOFTMAX_REGRESSION_HANDWRITTEN_HPP
#define GRADC_SAMPLES_SOFTMAX_REGRESSION_HANDWRITTEN_HPP

#include "model.hpp"

#include <cmath>

namespace softmax_regression_hand {

using softmax_regression::D;
using softmax_regression::K;

inline double loss_grad(const double* W, const double* b, const double* x, int y, double* d_W,
                        double* d_b, double* d_x) {
  // forward: logits, their max, the shifted exponentials and their sum
  double z[K];
  for (int k = 0; k < K; ++k) {
    double zk = b[k];
    for (int j = 0; j < D; ++j) zk += W[k * D + j] * x[j];
    z[k] = zk;
  }
  double m = z[0];
  for (int k = 1; k < K; ++k) m = std::fmax(m, z[k]);
  double e[K];
  double sum = 0.0;
  for (int k = 0; k < K; ++k) {
    e[k] = std::exp(z[k] - m);
    sum += e[k];
  }
  const double loss = m + std::log(sum) - z[y];
  // backward: dz = p - onehot(y), then through z = W x + b
  for (int k = 0; k < K; ++k) {
    const double dz = e[k] / sum - (k == y ? 1.0 : 0.0);
    d_b[k] += dz;                           // db = dz
    for (int j = 0; j < D; ++j) {
      d_W[k * D + j] += dz * x[j];          // dW = dz x^T
      d_x[j] += W[k * D + j] * dz;          // dx = W^T dz
    }
  }
  return loss;
}

}  // namespace softmax_regression_hand

#endif  // GRADC_SAMPLES_SOFTMAX_REGRESSION_HANDWRITTEN_HPP
