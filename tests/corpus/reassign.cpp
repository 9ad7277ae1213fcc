// Corpus: re-assignment of locals and parameters and compound assignment: the
// gradient must use the value each use saw.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh).
#include <gradc/gradc.h>

#include <cmath>

// x = x * x: the overwritten x is x^2 afterwards; f = x^4 + x^2.
GRADC_GRAD
double square_param(double x) {
  x = x * x;
  return x * x + x;
}

// The brief's example: x = x*x; x += y; y = sin(y).
GRADC_GRAD
double param_chain(double x, double y) {
  x = x * x;
  x += y;
  y = std::sin(y);
  return x * y;
}

// Every compound assignment operator on a local.
GRADC_GRAD
double compound(double x, double y) {
  double acc = x;
  acc += y;
  acc -= 2 * x * y;
  acc *= x;
  acc /= 1 + y * y;
  return acc;
}

// Compound assignment on parameters, including right-hand sides that read the target.
GRADC_GRAD
double compound_params(double x, double y) {
  x /= y;
  x *= x;
  y -= x;
  y += y * x;
  return x - y;
}

// A local overwritten several times from itself and from the parameter.
GRADC_GRAD
double overwrite_local(double x) {
  double t = x;
  t = t * t;
  t = t * x;
  t = t - x;
  t = std::exp(t / 4);
  return t;
}

// Parameters that depend on each other's new values.
GRADC_GRAD
double cross_update(double x, double y) {
  y = y * x + y;
  x = x / y;
  y = y - x * x;
  return x + y * x;
}

// A parameter re-assigned differently in each branch.
GRADC_GRAD
double branch_reassign(double x, double y) {
  if (x > 0) {
    x = std::sqrt(x);
  } else {
    x = -x * x;
  }
  y *= x;
  return x * 3 + y;
}

// Math functions applied in place, and a value that was read before being overwritten.
GRADC_GRAD
double in_place_math(double x, double y) {
  double old = y;
  y = std::exp(y);
  y = std::log(y + x * x);
  x = std::cos(x) * old;
  return x * y + old;
}

// A local re-assigned inside an if after being used.
GRADC_GRAD
double use_then_update(double x, double y) {
  double s = x * y;
  double r = s + x;
  if (r > 0) s = s * s;
  s -= r;
  return s * r;
}

// An integer parameter in compound assignments.
GRADC_GRAD_WRT(x)
double int_compound(double x, int n) {
  double r = x;
  r *= n;
  r += n * x * x;
  r /= n + 1;
  return r;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, square_param, (x[0]), {"x", -2, 2});
  GRADCHECK(double, param_chain, (x[0], x[1]), {"x", -2, 2}, {"y", -3, 3});
  GRADCHECK(double, compound, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, compound_params, (x[0], x[1]), {"x", -3, 3}, {"y", 0.5, 3});
  GRADCHECK(double, overwrite_local, (x[0]), {"x", -2, 2});
  GRADCHECK(double, cross_update, (x[0], x[1]), {"x", 0.5, 3}, {"y", 0.5, 3});
  GRADCHECK(double, branch_reassign, (x[0], x[1]), {"x", 0.1, 3}, {"y", -3, 3});
  GRADCHECK(double, branch_reassign, (x[0], x[1]), {"x", -3, -0.1}, {"y", -3, 3});
  GRADCHECK(double, in_place_math, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, use_then_update, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, int_compound, (x[0], 4), {"x", -3, 3});
  GRADCHECK(double, int_compound, (x[0], -3), {"x", -3, 3});
  return gradcheck::report();
}
#endif
