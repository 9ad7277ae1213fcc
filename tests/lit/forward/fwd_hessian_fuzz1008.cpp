// The fuzzer's seed 1008: the one-sweep f_hessian's symmetrization temporary
// took its type through a reference into the function's variable table,
// which the next new variable reallocated; here that left `s` without a type
// (`s = ...` undeclared: the header did not compile). Checked for shape and
// against central differences of f_grad.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
// CHECK: // one sweep of f13_hvp carrying all 3 directions
// CHECK: {{^}}      double s = (H[i * 3 + j] + H[j * 3 + i]) * 0.5;
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/fwd_lse2.hpp"

constexpr double K0 = 1.5;
const int KI = 2;

GRADC_HESSIAN
double f13(double x, double y, double z) {
  double t0 = std::sin(x - 0.2), t1 = log(1.25 + std::hypot(pow(1.5 + std::tanh(K0), K0), 0.5));
  x = std::atan(x);
  x += lse2(y, t1) + (-y);
  double t2 = std::sqrt(1.25 + tanh(KI - z));
  bool b3 = (x > t2 && 0.25 <= t2);
  return z * y - t2 + 4.0f * sin(x) + 0.25 * t0 + ((b3 ? 0.25 : -0.25));
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  double x = 0.4, y = -0.7, z = 1.3;
  const int n = f13_hessian_size;
  double H[n * n];
  ok = report("f13_hessian value vs f13", std::fabs(f13_hessian(x, y, z, H) - f13(x, y, z)), 0) && ok;
  double asym = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) asym = std::fmax(asym, std::fabs(H[i * n + j] - H[j * n + i]));
  ok = report("f13_hessian symmetric (exactly)", asym, 0) && ok;
  std::vector<double> Hfd = centralJacobian<double>({&x, &y, &z}, n, [&](double* g) {
    for (int i = 0; i < n; ++i) g[i] = 0;
    f13_grad(x, y, z, g, g + 1, g + 2);
  });
  ok = report("f13_hessian vs central differences of grad", worstDifference(H, Hfd.data(), n * n), 1e-7) && ok;
  return ok ? 0 : 1;
}
#endif
