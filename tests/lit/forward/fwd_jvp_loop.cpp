// f_jvp through a loop with carried state (a damped oscillator, 20 Euler
// steps), no returned value: the outputs' tangents equal central
// differences; f_jacobian (2 rows < 3 columns: reverse mode, one pullback
// per row) equals them too, and u^T (J v) equals the pullback's.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline void simulate_jvp(const double* x0, double k, double* out, const double* t_x0, double t_k, double* t_out) {
// CHECK: // Reverse mode: 2 row(s) < 3 column(s), one simulate_pullback sweep per row.
// CHECK: inline void addTo_jvp(const double* x, double* y, const double* t_x, double* t_y) {
// CHECK-NEXT: for (int k = 0; k < 2; ++k) {
// CHECK-NEXT: t_y[k] = 0.0;
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
void simulate(const double x0[2], double k, double out[2]) {
  double p = x0[0], v = x0[1], g = 1.0;
  for (int i = 0; i < 20; ++i) {
    double a = -k * p - 0.1 * v * std::fabs(v);
    p = p + 0.05 * v;
    v = v + 0.05 * a;
    g = g * (1.0 + 0.01 * p);  // a carried product
  }
  out[0] = p;
  out[1] = v * g;
}

// Adds to its output without writing it first: the incoming y is the
// caller's, a constant, so f_jvp's t_y starts at zero (whatever the caller
// passes in it).
GRADC_JACOBIAN
void addTo(const double x[2], double y[2]) {
  for (int i = 0; i < 2; ++i) y[i] += x[i] * x[0];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  double x0[2] = {1.0, -0.4}, k = 2.5, out[2];
  const double v[3] = {0.3, 1.2, -0.8};
  double t_out[2];
  simulate_jvp(x0, k, out, v, v[2], t_out);
  std::vector<double> J = centralJacobian<double>({&x0[0], &x0[1], &k}, 2, [&](double* o) { simulate(x0, k, o); });
  std::vector<double> Jv = times(J, v, 2, 3);
  ok = report("simulate_jvp vs central differences", worstDifference(t_out, Jv.data(), 2), 1e-7) && ok;
  double Jd[simulate_jacobian_rows * simulate_jacobian_cols];
  simulate_jacobian(x0, k, out, Jd);
  ok = report("simulate_jacobian vs central differences", worstDifference(Jd, J.data(), 6), 1e-7) && ok;
  const double w[2] = {0.9, -1.7};
  double d_x0[2] = {0, 0}, d_k = 0, d_out[2] = {w[0], w[1]};
  simulate_pullback(x0, k, out, d_x0, &d_k, d_out);
  double left = w[0] * t_out[0] + w[1] * t_out[1];
  double right = d_x0[0] * v[0] + d_x0[1] * v[1] + d_k * v[2];
  ok = report("u^T(J v) vs (J^T u)^T v", worstDifference(&left, &right, 1), 1e-13) && ok;
  {
    double x[2] = {0.6, -1.4}, y[2] = {2.0, 3.0}, t_y[2] = {NAN, NAN};
    const double dx[2] = {0.3, 0.5};
    addTo_jvp(x, y, dx, t_y);
    const double expect[2] = {2 * x[0] * dx[0], dx[1] * x[0] + x[1] * dx[0]};
    ok = report("addTo_jvp: an output added to", worstDifference(t_y, expect, 2), 1e-15) && ok;
  }
  return ok ? 0 : 1;
}
#endif
