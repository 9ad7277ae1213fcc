// Library calls with a bool or int result (std::isnan, std::isfinite,
// std::isinf, std::signbit, std::lround, std::ilogb) carry no derivative:
// they are read like comparisons, in conditions and as values, where before
// they were "no derivative rule" errors. Checked against central differences
// (off the points where their results change) and against the source's values.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double guarded_grad(
// CHECK: std::isfinite(
GRADC_GRAD
double guarded(double x, double y) {
  const double r = x * y / (x - 3.0);
  if (!std::isfinite(r) || std::isnan(x)) return 0.0;
  return std::isinf(y) ? x : r * r;
}

GRADC_GRAD
double sign_steps(double x, double y) {
  const bool neg = std::signbit(x);
  const long k = std::lround(3.0 * y);
  return (neg ? -x : x) * y + static_cast<double>(k) * x + std::ilogb(y) * x * x + x * std::signbit(y);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  for (const auto& pt : {std::vector<double>{0.7, -1.3}, std::vector<double>{-1.2, 2.45}, std::vector<double>{2.2, 0.9}}) {
    std::vector<double> p = pt, dp(2, 0.0);
    bad |= guarded_grad(p[0], p[1], &dp[0], &dp[1]) != guarded(p[0], p[1]);
    bad |= !reportGradient("guarded", p, dp, [&] { return guarded(p[0], p[1]); });
    std::fill(dp.begin(), dp.end(), 0.0);
    bad |= sign_steps_grad(p[0], p[1], &dp[0], &dp[1]) != sign_steps(p[0], p[1]);
    bad |= !reportGradient("sign_steps", p, dp, [&] { return sign_steps(p[0], p[1]); });
  }
  return bad;
}
#endif
