// Float stays float: a float function calling every math function gradc has
// a built-in rule for. Its generated gradient is compiled (float_rules_check.cpp)
// for the host and the board with -Wdouble-promotion -Wfloat-conversion
// -Werror, so a rule whose float form promotes to double breaks the build.
// Never run; only compiled.
#include <gradc/gradc.h>

#include <cmath>

namespace embedded_float_rules {

GRADC_GRAD
float all_rules(float x, float y) {
  const float a = std::exp(x) + std::exp2(x) + std::expm1(x) + std::log(y) + std::log2(y) +
                  std::log10(y) + std::log1p(y) + std::sqrt(y) + std::cbrt(x) + std::pow(x, y) +
                  std::hypot(x, y);
  const float b = std::sin(x) + std::cos(x) + std::tan(x) + std::asin(0.5f * x) +
                  std::acos(0.5f * x) + std::atan(x) + std::atan2(x, y) + std::sinh(x) +
                  std::cosh(x) + std::tanh(x) + std::erf(x);
  const float c = std::fabs(x) + std::fmax(x, y) + std::fmin(x, y) + std::floor(x) + std::ceil(x) +
                  std::round(x) + std::trunc(x) + std::max(x, y) + std::min(x, y);
  const float d = expf(x) + logf(y) + powf(x, 2.0f) + sqrtf(y) + (x > 0.5f ? x / y : y * 3.0f);
  return a * b + c - d;
}

}  // namespace embedded_float_rules
