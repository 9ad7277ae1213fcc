// Corpus: float functions: float parameters, locals and literals, the
// f-suffixed C math functions and the std:: float overloads.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh; float uses a looser bound).
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

constexpr float kB = 2.0f;
const float kScale = 0.25f;

GRADC_GRAD
float f_arith(float x, float y) { return 3.0f * x * x * y - y / 2.0f + 1 - x / (1 + y * y) - -x; }

GRADC_GRAD
float f_constants(float x, float y) { return kB * x - kScale * y * y + kB / (kB + x * x); }

GRADC_GRAD
float f_exp_log(float x, float y) {
  return expf(x) * logf(y) + exp2f(x / 2) - expm1f(x / 3) + log2f(y) * log10f(y + 1) + log1pf(y);
}

GRADC_GRAD
float f_roots_pow(float x, float y) { return sqrtf(y) + cbrtf(x) * powf(y, 1.5f) + powf(y, x) - hypotf(x, y); }

GRADC_GRAD
float f_trig(float x) {
  return sinf(x) + cosf(x) * tanf(x / 2) + atanf(x) + atan2f(x, 2.0f) + asinf(x / 4) - acosf(x / 3);
}

GRADC_GRAD
float f_hyper_misc(float x) {
  return sinhf(x) - coshf(x / 2) * tanhf(x) + erff(x) + fabsf(x - 0.5f) + fminf(x, 0.25f) - fmaxf(x * x, 1.0f);
}

// std:: overloads called with float arguments (they resolve to the float versions).
GRADC_GRAD
float f_std_a(float x, float y) {
  return std::exp(x) + std::log(y) + std::sin(x * y) + std::sqrt(y) - std::tanh(x) + std::pow(y, 2.0f) +
         std::cos(x) * std::atan2(y, 1.5f);
}

GRADC_GRAD
float f_std_b(float x, float y) {
  return std::exp2(x) - std::expm1(y / 2) + std::log2(y) * std::log10(x + 3) + std::log1p(y) + std::cbrt(x + 3) +
         std::hypot(x, y);
}

GRADC_GRAD
float f_std_c(float x, float y) {
  return std::tan(x / 2) + std::asin(y / 4) * std::acos(x / 3) + std::atan(x * y) + std::sinh(y / 2) -
         std::cosh(x / 2) + std::erf(x - y) + std::fabs(x) + std::fmin(x, y) - std::fmax(x, 0.5f);
}

GRADC_GRAD
float f_min_max(float x, float y) { return std::min(x, y) * std::max(x, 0.5f) - std::max(x * y, -1.0f); }

// A float sigmoid neuron with float locals.
GRADC_GRAD
float f_neuron(float w, float b, float x) {
  float z = w * x + b;
  float e = expf(-z);
  float s = 1.0f / (1.0f + e);
  return s;
}

GRADC_GRAD
float f_branches(float x, float y) {
  float r = x > y ? x * y : x - y;
  if (x < -1.0f) {
    r = r * 2;
  } else if (y > 1.0f) {
    r = r + sinf(y);
  }
  return r;
}

GRADC_GRAD
float f_reassign(float x, float y) {
  x = x * x;
  x += y;
  y = sinf(y);
  float t = x * y;
  t *= kB;
  return t;
}

GRADC_GRAD_WRT(a)
float f_wrt(float a, float b, int n) { return a * a * b + n * a - b / n; }

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(float, f_arith, (x[0], x[1]), {"x", -1.5, 1.5}, {"y", -1.5, 1.5});
  GRADCHECK(float, f_constants, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(float, f_exp_log, (x[0], x[1]), {"x", -2, 2}, {"y", 0.2, 4});
  GRADCHECK(float, f_roots_pow, (x[0], x[1]), {"x", 0.3, 2}, {"y", 0.3, 3});
  GRADCHECK(float, f_trig, (x[0]), {"x", -2, 2});
  GRADCHECK(float, f_hyper_misc, (x[0]), {"x", -2, 2});
  GRADCHECK(float, f_std_a, (x[0], x[1]), {"x", -2, 2}, {"y", 0.2, 3});
  GRADCHECK(float, f_std_b, (x[0], x[1]), {"x", -2, 2}, {"y", 0.2, 3});
  GRADCHECK(float, f_std_c, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(float, f_min_max, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(float, f_neuron, (x[0], x[1], x[2]), {"w", -2, 2}, {"b", -2, 2}, {"x", -2, 2});
  GRADCHECK(float, f_branches, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(float, f_reassign, (x[0], x[1]), {"x", -1.5, 1.5}, {"y", -2, 2});
  GRADCHECK(float, f_wrt, (x[0], 0.75f, 3), {"a", -2, 2});
  GRADCHECK(float, f_wrt, (x[0], -1.5f, -2), {"a", -2, 2});
  return gradcheck::report();
}
#endif
