// GRADC_PULLBACK_OF: a user's pullback replaces differentiating the function
// (softplus's branches), and takes priority over a built-in rule (tanh).
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/user_rules.hpp"

// CHECK-LABEL: inline double f_grad(
// CHECK: double f = act::softplus(t{{[0-9]+}}) + std::tanh(t{{[0-9]+}});
// CHECK: = 1.0 / (std::cosh(t{{[0-9]+}}) * std::cosh(t{{[0-9]+}}));
// CHECK: = 1.0 / (1.0 + std::exp(-t{{[0-9]+}}));
GRADC_GRAD
double f(double x, double y) { return act::softplus(x * y) + std::tanh(x - y); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <initializer_list>

int main() {
  int bad = 0;
  const double h = 1e-6;
  for (double x : {-3.0, -0.4, 0.7, 25.0})
    for (double y : {-1.3, 0.5, 2.0}) {
      double dx = 0, dy = 0;
      double value = f_grad(x, y, &dx, &dy);
      double fx = (f(x + h, y) - f(x - h, y)) / (2 * h), fy = (f(x, y + h) - f(x, y - h)) / (2 * h);
      bad |= value != f(x, y);
      bad |= std::fabs(dx - fx) > 1e-6 * std::fmax(1.0, std::fabs(fx));
      bad |= std::fabs(dy - fy) > 1e-6 * std::fmax(1.0, std::fabs(fy));
      std::printf("x=%g y=%g  d/dx %.10f (fd %.10f)  d/dy %.10f (fd %.10f)\n", x, y, dx, fx, dy, fy);
    }
  return bad;
}
#endif
