// Logistic regression's training loss, written as plain loops over a data set
// of run-time size and marked for gradc. gradc reads this file and writes
// logistic_regression::loss_grad / loss_pullback into model.grad.hpp;
// handwritten.hpp has the textbook gradient to compare against.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace logistic_regression {

// Each sample costs softplus(u) = log(1 + exp(u)) at u = -y_i w.x_i, computed
// without overflow: u + log(1 + exp(-u)) when u > 0, log(1 + exp(u)) when not.
// Both branches are smooth and agree, with their derivatives, at u = 0, so the
// gradient is exact even where w.x_i = 0 (e.g. at the usual start w = 0).
//
// Only w is a parameter; the data X, y and the weight lambda are not.
GRADC_GRAD_WRT(w)
double loss(const double* w, const double* X, const double* y, int m, int d, double lambda) {
  double total = 0.0;
  for (int i = 0; i < m; ++i) {
    double margin = 0.0;
    for (int j = 0; j < d; ++j) margin += w[j] * X[i * d + j];
    const double u = -y[i] * margin;
    total += u > 0.0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u));
  }
  double norm2 = 0.0;
  for (int j = 0; j < d; ++j) norm2 += w[j] * w[j];
  return total + lambda * norm2;
}

}  // namespace logistic_regression
