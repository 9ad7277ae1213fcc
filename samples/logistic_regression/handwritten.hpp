// The textbook gradient of L2-regularized logistic regression: with
// u_i = -y_i w.x_i and sigma the logistic function,
//   dL/dw = sum_i -y_i sigma(u_i) x_i + 2 lambda w.
//
// Same calling convention as the generated logistic_regression::loss_grad: the
// primal arguments, then the adjoint of w (d entries). Returns the loss and
// ACCUMULATES into d_w; the caller zeroes it.
#ifndef GRADC_SAMPLES_LOGISTIC_REGRESSION_HANDWRITTEN_HPP
#define GRADC_SAMPLES_LOGISTIC_REGRESSION_HANDWRITTEN_HPP

#include <cmath>

namespace logistic_regression_hand {

inline double loss_grad(const double* w, const double* X, const double* y, int m, int d,
                        double lambda, double* d_w) {
  double total = 0.0;
  for (int i = 0; i < m; ++i) {
    const double* xi = X + i * d;
    double margin = 0.0;
    for (int j = 0; j < d; ++j) margin += w[j] * xi[j];
    const double u = -y[i] * margin;
    // softplus(u) and its derivative sigma(u), both without overflow
    double sig;
    if (u > 0.0) {
      const double e = std::exp(-u);
      total += u + std::log1p(e);
      sig = 1.0 / (1.0 + e);
    } else {
      const double e = std::exp(u);
      total += std::log1p(e);
      sig = e / (1.0 + e);
    }
    const double coef = -y[i] * sig;  // dL/dmargin
    for (int j = 0; j < d; ++j) d_w[j] += coef * xi[j];
  }
  double norm2 = 0.0;
  for (int j = 0; j < d; ++j) {
    norm2 += w[j] * w[j];
    d_w[j] += 2.0 * lambda * w[j];
  }
  return total + lambda * norm2;
}

}  // namespace logistic_regression_hand

#endif  // GRADC_SAMPLES_LOGISTIC_REGRESSION_HANDWRITTEN_HPP
