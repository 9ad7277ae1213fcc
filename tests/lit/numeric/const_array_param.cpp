// Regression: `const double x[3]` lost its const in the generated signature.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double sum3(const double x[3]) { return x[0] + 2.0 * x[1] + 3.0 * x[2]; }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
int main() {
  const double x[3] = {1, 2, 3};
  double d[3] = {};
  sum3_grad(x, d);  // must accept const data
  return d[0] == 1 && d[1] == 2 && d[2] == 3 ? 0 : 1;
}
#endif
