#pragma once
// A log-sum-exp of two values with a user rule, for fwd_hessian_fuzz1008.cpp.
#include <gradc/gradc.h>

#include <cmath>

inline double lse2(double x, double y) {
  const double m = std::fmax(x, y);
  return m + std::log(std::exp(x - m) + std::exp(y - m));
}
GRADC_PULLBACK_OF(lse2)
inline void lse2_pb(double x, double y, double d_ret, double* d_x, double* d_y) {
  const double ex = std::exp(x - std::fmax(x, y)), ey = std::exp(y - std::fmax(x, y));
  *d_x += d_ret * ex / (ex + ey);
  *d_y += d_ret * ey / (ex + ey);
}
