// A user rule's body calling a function of its own namespace: the gradient,
// outside that namespace, calls it by its full name (fuzz finding rule-ns-call).
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
// CHECK-LABEL: inline double f_grad(double x, double* d_x) {
// CHECK: act::logistic(x)
// CHECK-NOT: {{[^:]}}logistic(x)
// CHECK: return f;
#include "Inputs/namespaced_rule.hpp"

GRADC_GRAD
double f(double x) { return 3.0 * act::logistic(x); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
int main() {
  double worst = 0.0;
  for (double x = -3.0; x <= 3.0; x += 0.5) {
    double d = 0.0;
    f_grad(x, &d);
    double s = 1.0 / (1.0 + std::exp(-x));
    worst = std::fmax(worst, std::fabs(d - 3.0 * s * (1.0 - s)));
  }
  std::printf("largest error against 3 s (1 - s): %.2e\n", worst);
  return worst < 1e-14 ? 0 : 1;
}
#endif
