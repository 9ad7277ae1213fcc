#pragma once
// A user rule in a namespace whose body calls a function of that namespace
// (found by the fuzzer: the call lost its namespace in the gradient).
#include <gradc/gradc.h>

#include <cmath>

namespace act {
inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
GRADC_PULLBACK_OF(logistic)
inline void logistic_pb(double x, double d_ret, double* d_x) {
  const double s = logistic(x);
  *d_x += d_ret * s * (1.0 - s);
}
}  // namespace act
