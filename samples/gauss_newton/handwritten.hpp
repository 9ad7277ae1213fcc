// The residuals' Jacobian and the cost's Hessian worked out by hand:
//   dr/da = E S, dr/db = -t a E S, dr/dw = t a E C, dr/dphi = a E C
//   (E = exp(-b t), S = sin(w t + phi), C = cos(w t + phi)), and
//   H = J^T J + sum_i r_i * (second derivatives of r_i).
#ifndef GRADC_SAMPLES_GAUSS_NEWTON_HANDWRITTEN_HPP
#define GRADC_SAMPLES_GAUSS_NEWTON_HANDWRITTEN_HPP

#include "model.hpp"

#include <cmath>

namespace fit_hand {

using fit::kParams;
using fit::kSamples;

inline void ResidualsJacobian(const double p[kParams], const double y[kSamples], double r[kSamples],
                              double J[kSamples * kParams]) {
  for (int i = 0; i < kSamples; ++i) {
    const double t = 0.1 * i;
    const double E = std::exp(-p[1] * t), S = std::sin(p[2] * t + p[3]), C = std::cos(p[2] * t + p[3]);
    const double aE = p[0] * E;
    r[i] = aE * S - y[i];
    double* row = J + i * kParams;
    row[0] = E * S;
    row[1] = -t * aE * S;
    row[2] = t * aE * C;
    row[3] = aE * C;
  }
}

inline double CostHessian(const double p[kParams], const double y[kSamples], double H[kParams * kParams]) {
  for (int k = 0; k < kParams * kParams; ++k) H[k] = 0.0;
  double sum = 0.0;
  for (int i = 0; i < kSamples; ++i) {
    const double t = 0.1 * i;
    const double E = std::exp(-p[1] * t), S = std::sin(p[2] * t + p[3]), C = std::cos(p[2] * t + p[3]);
    const double a = p[0], aE = a * E;
    const double r = aE * S - y[i];
    sum += r * r;
    const double g[kParams] = {E * S, -t * aE * S, t * aE * C, aE * C};
    const double second[kParams * kParams] = {
        0.0,       -t * E * S,         t * E * C,          E * C,          //
        -t * E * S, t * t * aE * S,    -t * t * aE * C,    -t * aE * C,    //
        t * E * C, -t * t * aE * C,    -t * t * aE * S,    -t * aE * S,    //
        E * C,     -t * aE * C,        -t * aE * S,        -aE * S,
    };
    for (int j = 0; j < kParams; ++j)
      for (int k = 0; k < kParams; ++k) H[j * kParams + k] += g[j] * g[k] + r * second[j * kParams + k];
  }
  return 0.5 * sum;
}

}  // namespace fit_hand

#endif  // GRADC_SAMPLES_GAUSS_NEWTON_HANDWRITTEN_HPP
