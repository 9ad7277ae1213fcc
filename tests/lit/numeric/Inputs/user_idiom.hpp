// A user's idiom: softsign written inline anywhere becomes softsign(x).
#pragma once
#include <gradc/gradc.h>

#include <cmath>

namespace act {
inline double softsign(double x) { return x / (1.0 + std::fabs(x)); }

// d/dx x/(1+|x|) = 1/(1+|x|)^2
GRADC_IDIOM(act::softsign)
inline void softsign_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y / ((1.0 + std::fabs(x)) * (1.0 + std::fabs(x)));
}
}  // namespace act
