#pragma once
// User rules whose bodies call functions that have rules (fz10k_hvp_rule_call.cpp):
// f_hvp differentiates those bodies again, so each call must find its rule.
#include <gradc/gradc.h>
#include <cmath>

// The rule's body calls the function it is the rule of.
inline double lg(double x) { return 1.0 / (1.0 + std::exp(-x)); }
GRADC_PULLBACK_OF(lg)
inline void lg_pb(double x, double d_ret, double* d_x) {
  const double s = lg(x);
  *d_x += d_ret * s * (1.0 - s);
}

// The same in a namespace, called unqualified inside it.
namespace act {
inline double logistic(double x) { return 0.5 * std::tanh(0.5 * x) + 0.5; }
GRADC_PULLBACK_OF(logistic)
inline void logistic_pb(double x, double d_ret, double* d_x) {
  const double s = logistic(x);
  *d_x += d_ret * (s - s * s);
}
}  // namespace act

// A rule calling another function's rule: softplus' = lg.
inline double soft(double x) { return std::log1p(std::exp(x)); }
GRADC_PULLBACK_OF(soft)
inline void soft_pb(double x, double d_ret, double* d_x) { *d_x += d_ret * lg(x); }
