// A library function with no derivative rule is fine where no input reaches
// its arguments: ADBench's GMM takes lgamma of a half-integer, through a
// helper's double parameter (`lgamma(0.5 * n + 0.5 * (1 - j))`). Only when an
// input does reach it is the call an error (diagnostics/tables_library_no_rule).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <cmath>

inline double log_gamma_sum(double a, int p) {
  double out = 0.0;
  for (int j = 1; j <= p; ++j) out += std::lgamma(a + 0.5 * (1 - j));
  return out;
}

// CHECK-LABEL: inline double prior_grad(
// CHECK: out = out + std::lgamma(
// CHECK-NOT: lgamma
// CHECK: return
GRADC_GRAD_WRT(q)
double prior(int n, int p, const double* q) {
  double s = 0.0;
  for (int i = 0; i < p; ++i) s += std::exp(q[i]) * q[i];
  return s - log_gamma_sum(0.5 * n, p) * q[0];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <vector>

int main() {
  std::vector<double> q = {0.3, -0.7, 1.1}, g(3, 0.0);
  prior_grad(7, 3, q.data(), g.data());
  return reportGradient("prior", q, g, [&] { return prior(7, 3, q.data()); }) ? 0 : 1;
}
#endif
