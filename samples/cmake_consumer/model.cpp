// The model: gradc reads this file (gradc_add_gradient in CMakeLists.txt) and
// writes consumer::logistic_loss_grad into <build>/gradc/model.grad.hpp.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace consumer {

constexpr double kWeightDecay = 0.01;

// Gradient w.r.t. the parameters only, not the example (x0, x1, y).
GRADC_GRAD_WRT(w0, w1, b)
double logistic_loss(double w0, double w1, double b, double x0, double x1, double y) {
  double z = (w0 * x0 + w1 * x1 + b) / kTemperature;
  double loss = std::log1p(std::exp(-y * z));
  double decay = 0.5 * kWeightDecay * (w0 * w0 + w1 * w1);
  return loss + decay;
}

}  // namespace consumer
