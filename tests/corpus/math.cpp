// Corpus: every supported math function in double, in std:: and C spellings,
// on safe domains (log of positive, asin/acos in (-1,1), sqrt of positive,
// pow with positive base).
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh).
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>
#include <math.h>

GRADC_GRAD
double exps(double x) { return exp(x) * exp2(x / 2) + expm1(x) - exp(-x * x); }

GRADC_GRAD
double exps_std(double x) { return std::exp(x) + std::exp2(-x) * std::expm1(x / 3); }

GRADC_GRAD
double logs(double x, double y) { return log(x) + log2(y) * log10(x * y) + log1p(x); }

GRADC_GRAD
double logs_std(double x, double y) {
  return std::log(x * y) - std::log2(x) + std::log10(y) * std::log1p(x * x);
}

GRADC_GRAD
double roots(double x, double y) { return sqrt(x) + cbrt(y) * std::sqrt(x * y * y + 1) + std::cbrt(x - 5); }

// pow with a variable base, a variable exponent, and integer/floating literal exponents.
GRADC_GRAD
double powers(double x, double y) { return pow(x, y) + std::pow(x, 2.5) + pow(y, 3) - std::pow(2.0, y); }

GRADC_GRAD
double pow_exponent(double x) { return pow(1.5, x) * std::pow(x * x + 1, -0.5); }

GRADC_GRAD
double hypots(double x, double y) { return hypot(x, y) + std::hypot(x * y, 1.0); }

GRADC_GRAD
double trig(double x, double y) { return sin(x) * cos(y) + tan(x / 2); }

GRADC_GRAD
double trig_std(double x, double y) {
  return std::sin(x * y) - std::cos(x) / (2 + std::sin(y)) + std::tan(y / 3);
}

GRADC_GRAD
double inverse_trig(double x, double y) {
  return asin(x) + acos(y) * atan(x * y) + std::asin(x * y) - std::acos(x / 2) + std::atan(y - x);
}

// atan2(y, x) away from the branch cut on the negative x axis.
GRADC_GRAD
double atan2s(double y, double x) { return atan2(y, x) + std::atan2(x, 1.0 + y * y); }

// Angle wrapping as an EKF's innovation writes it, and a remainder with a
// quotient of 2 (the checks stay away from the jumps of both).
GRADC_GRAD
double wraps(double x, double y) {
  const double d = std::remainder(x - y, 6.283185307179586);
  return d * d + std::fmod(3 * x, 1.0 + y * y) * y;
}

GRADC_GRAD
double special(double x, double y) {
  return std::fma(x, y, std::erfc(x)) + std::asinh(y) * std::atanh(x / 3) + std::acosh(2 + y * y) +
         std::copysign(x, y) * std::fdim(x, y - 3) + std::rint(3 * x) * y + erfc(y) * nearbyint(x);
}

GRADC_GRAD
double hyperbolic(double x, double y) {
  return sinh(x) + cosh(y) * tanh(x - y) + std::sinh(x * y / 4) - std::cosh(x / 2) + std::tanh(y);
}

GRADC_GRAD
double erfs(double x, double y) { return erf(x) * std::erf(x / 2 + y); }

GRADC_GRAD
double absolute(double x, double y) { return fabs(x) * y + std::fabs(x - y) + std::fabs(-2.0 * y); }

GRADC_GRAD
double fmin_fmax(double x, double y) {
  return fmin(x, y) + 2 * fmax(x, y * y) - std::fmin(x * y, 0.5) + std::fmax(-x, y);
}

GRADC_GRAD
double std_min_max(double x, double y) {
  return std::min(x, y) * std::max(x, 0.5) + std::max(x * y, y - x) - std::min(1.0, y);
}

// Nested calls: the chain rule through several math functions.
GRADC_GRAD
double composed(double x, double y) {
  return std::sqrt(1 + std::exp(std::sin(x) * y)) * log(2 + cos(x * y)) - std::tanh(std::atan(x) * hypot(x, y));
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, exps, (x[0]), {"x", -3, 3});
  GRADCHECK(double, exps_std, (x[0]), {"x", -3, 3});
  GRADCHECK(double, logs, (x[0], x[1]), {"x", 0.1, 5}, {"y", 0.1, 5});
  GRADCHECK(double, logs_std, (x[0], x[1]), {"x", 0.1, 5}, {"y", 0.1, 5});
  GRADCHECK(double, roots, (x[0], x[1]), {"x", 0.1, 4}, {"y", 0.2, 4});
  GRADCHECK(double, roots, (x[0], x[1]), {"x", 0.1, 4}, {"y", -4, -0.2});
  GRADCHECK(double, powers, (x[0], x[1]), {"x", 0.1, 3}, {"y", 0.1, 3});
  GRADCHECK(double, pow_exponent, (x[0]), {"x", -3, 3});
  GRADCHECK(double, hypots, (x[0], x[1]), {"x", 0.2, 3}, {"y", -3, -0.2});
  GRADCHECK(double, trig, (x[0], x[1]), {"x", -2.5, 2.5}, {"y", -4, 4});
  GRADCHECK(double, trig_std, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, inverse_trig, (x[0], x[1]), {"x", -0.9, 0.9}, {"y", -0.9, 0.9});
  GRADCHECK(double, atan2s, (x[0], x[1]), {"y", -2, 2}, {"x", 0.3, 2});
  GRADCHECK(double, wraps, (x[0], x[1]), {"x", 0.75, 0.85}, {"y", 0.1, 0.3});
  GRADCHECK(double, special, (x[0], x[1]), {"x", 0.55, 0.8}, {"y", -2, -0.3});
  GRADCHECK(double, hyperbolic, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, erfs, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, absolute, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, fmin_fmax, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, std_min_max, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, composed, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  return gradcheck::report();
}
#endif
