// GRADC_IDIOM is data, not a special case for the sigmoid: a user's idiom in
// a header (act::softsign) replaces the expression it names, wherever the
// model writes it, and its pullback is applied (its |x| kink is not
// differentiated). A parameter used twice binds the same expression twice.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S -I%S/../../support
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/user_idiom.hpp"

// CHECK-LABEL: inline double f_grad(
// CHECK: act::softsign(t0) + y;
// CHECK-NOT: {{^[^/]*fabs}}
// CHECK: std::fabs
GRADC_GRAD
double f(double x, double y) { return (x * y) / (1.0 + std::fabs(x * y)) + y; }

// Not the same expression twice (y * x): not the idiom.
// CHECK-LABEL: inline double g_grad(
// CHECK-NOT: softsign
// CHECK: return g;
GRADC_GRAD
double g(double x, double y) { return (x * y) / (1.0 + std::fabs(y * x)); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, f, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, g, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  return gradcheck::report();
}
#endif
