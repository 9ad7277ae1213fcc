#pragma once
#include <gradc/gradc.h>

#include <cmath>

namespace act {
inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
GRADC_PULLBACK_OF(logistic)
inline void logistic_pb(double x, double d_ret, double* d_x) {
  const double s = act::logistic(x);  // written as logistic(x) in the gradient
  *d_x += d_ret * s * (1.0 - s);
}
}  // namespace act
