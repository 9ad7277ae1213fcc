// Regression (found by the fuzzer): `t = +t` zeroed t's adjoint: d/dx came out 0.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  double t = x * x;
  t = +t;
  return t;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
int main() {
  double d = 0;
  f_grad(3.0, &d);
  return d == 6.0 ? 0 : 1;
}
#endif
