#pragma once
// Functions with user derivative rules, for user_rules.cpp. The rules live
// beside the functions, in a header: the generated code calls the functions.
#include <gradc/gradc.h>

#include <cmath>

namespace act {

// log(1 + e^x), without overflow for large x.
inline double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

// d/dx softplus(x) = 1 / (1 + e^-x): one formula instead of the branches' derivatives.
GRADC_PULLBACK_OF(softplus)
inline void softplus_pullback(double x, double d_ret, double* d_x) { *d_x += d_ret / (1.0 + std::exp(-x)); }

}  // namespace act

// A user rule for a function gradc has a built-in rule for: the user's wins.
// (Written from cosh, so the generated code shows which rule it used.)
GRADC_PULLBACK_OF(tanh)
inline void tanh_by_cosh(double x, double d_ret, double* d_x) { *d_x += d_ret / (std::cosh(x) * std::cosh(x)); }
