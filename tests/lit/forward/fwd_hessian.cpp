// f_hvp (forward mode over f_grad's IR) and f_hessian of a chain energy with
// a loop, an array and a scalar input: H is exactly symmetric, equals
// central differences of f_grad, and f_hvp equals H v.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline double energy_hvp(const double* q, double k, const double* t_q, double t_k, double* hv_q, double* hv_k) {
// CHECK: inline constexpr int energy_hessian_size = 4;
// One forward-over-reverse sweep carrying all 4 directions, then symmetrized
// (the temporary `s` declared: its type was once read through a reference
// into the variable table after it grew, fuzz seed 1008):
// CHECK: // one sweep of energy_hvp carrying all 4 directions (t_<name>_c<column>),
// CHECK: inline double energy_hessian(const double* q, double k, double* H) {
// CHECK-NOT: energy_hvp(
// CHECK: {{^}}      double s = (H[i * 4 + j] + H[j * 4 + i]) * 0.5;
#include <gradc/gradc.h>

#include <cmath>

GRADC_HESSIAN
double energy(const double q[3], double k) {
  double e = 0.0;
  for (int i = 0; i < 2; ++i) {
    double d = q[i + 1] - q[i];
    e += k * (d * d - 1.0) * (d * d - 1.0) + std::exp(0.1 * q[i] * q[i + 1]);
  }
  return e + std::sin(q[0]) * k * k;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  double q[3] = {0.3, 1.4, 2.2}, k = 1.7;
  const int n = energy_hessian_size;
  double H[n * n];
  double value = energy_hessian(q, k, H);
  ok = report("energy_hessian value vs energy", std::fabs(value - energy(q, k)), 0) && ok;
  double asym = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) asym = std::fmax(asym, std::fabs(H[i * n + j] - H[j * n + i]));
  ok = report("energy_hessian symmetric (exactly)", asym, 0) && ok;
  std::vector<double> Hfd = centralJacobian<double>({&q[0], &q[1], &q[2], &k}, n, [&](double* g) {
    for (int i = 0; i < n; ++i) g[i] = 0;
    energy_grad(q, k, g, g + 3);
  });
  ok = report("energy_hessian vs central differences of grad", worstDifference(H, Hfd.data(), n * n), 1e-7) && ok;
  const double v[4] = {0.4, -1.1, 0.6, 0.9};
  double hv_q[3], hv_k;
  double value2 = energy_hvp(q, k, v, v[3], hv_q, &hv_k);
  double hv[4] = {hv_q[0], hv_q[1], hv_q[2], hv_k};
  std::vector<double> Hv = times(std::vector<double>(H, H + n * n), v, n, n);
  ok = report("energy_hvp vs H v", worstDifference(hv, Hv.data(), n), 1e-13) && ok;
  ok = report("energy_hvp value vs energy", std::fabs(value2 - energy(q, k)), 0) && ok;
  return ok ? 0 : 1;
}
#endif
