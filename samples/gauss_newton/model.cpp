// The model and its least-squares cost as a user writes them. gradc writes
// residuals_jacobian (40 x 4, forward mode: one sweep carrying the four
// columns) and cost_grad / cost_hvp / cost_hessian (4 x 4) into model.grad.hpp.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace fit {

GRADC_JACOBIAN_WRT(p)
void residuals(const double p[kParams], const double y[kSamples], double r[kSamples]) {
  for (int i = 0; i < kSamples; ++i) {
    const double t = 0.1 * i;
    r[i] = p[0] * std::exp(-p[1] * t) * std::sin(p[2] * t + p[3]) - y[i];
  }
}

GRADC_HESSIAN_WRT(p)
double cost(const double p[kParams], const double y[kSamples]) {
  double sum = 0.0;
  for (int i = 0; i < kSamples; ++i) {
    const double t = 0.1 * i;
    const double r = p[0] * std::exp(-p[1] * t) * std::sin(p[2] * t + p[3]) - y[i];
    sum += r * r;
  }
  return 0.5 * sum;
}

}  // namespace fit
