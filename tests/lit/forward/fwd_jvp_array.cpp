// f_jvp and f_jacobian of a discrete-time model: an array state and a scalar
// input in, the next state (an output array) and a cost out. The Jacobian is
// 4 x 4, computed by columns (forward mode). J v from f_jvp, the dense
// Jacobian and central differences agree, and u^T (J v) equals the
// pullback's (J^T u)^T v.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline double step_jvp(const double* x, double u, double dt, double* y, const double* t_x, double t_u, double* t_y, double* t_ret) {
// CHECK: inline constexpr int step_jacobian_rows = 4;
// CHECK: inline constexpr int step_jacobian_cols = 4;
// CHECK: // Forward mode: 4 column(s) <= 4 row(s), one sweep carrying all 4
// CHECK: inline double step_jacobian(const double* x, double u, double dt, double* y, double* J) {
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN_WRT(x, u)
double step(const double x[3], double u, double dt, double y[3]) {
  y[0] = x[0] + dt * x[1];
  y[1] = x[1] + dt * (-9.81 * std::sin(x[0]) + u * x[2]);
  y[2] = x[2] * std::exp(-dt * u);
  return y[0] * y[0] + 0.5 * y[1] * y[1] + u * u;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  double x[3] = {0.4, -0.3, 1.1}, u = 0.7, dt = 0.1, y[3];
  const double v[4] = {0.5, -1.0, 0.25, 2.0};  // (x, u)
  double t_y[3], t_ret;
  double value = step_jvp(x, u, dt, y, v, v[3], t_y, &t_ret);
  std::vector<double> J = centralJacobian<double>({&x[0], &x[1], &x[2], &u}, 4, [&](double* out) {
    double yy[3];
    out[3] = step(x, u, dt, yy);
    for (int i = 0; i < 3; ++i) out[i] = yy[i];
  });
  std::vector<double> Jv = times(J, v, 4, 4);
  double jvp[4] = {t_y[0], t_y[1], t_y[2], t_ret};
  ok = report("step_jvp vs central differences", worstDifference(jvp, Jv.data(), 4), 1e-7) && ok;
  double yy[3];
  ok = report("step_jvp value vs step", std::fabs(value - step(x, u, dt, yy)), 0) && ok;
  ok = report("step_jvp's y vs step's", worstDifference(y, yy, 3), 0) && ok;
  double Jd[step_jacobian_rows * step_jacobian_cols];
  step_jacobian(x, u, dt, y, Jd);
  ok = report("step_jacobian vs central differences", worstDifference(Jd, J.data(), 16), 1e-7) && ok;
  std::vector<double> Jdv = times(std::vector<double>(Jd, Jd + 16), v, 4, 4);
  ok = report("step_jacobian v vs step_jvp", worstDifference(jvp, Jdv.data(), 4), 1e-14) && ok;
  // u^T (J v) against (J^T u)^T v through the pullback.
  const double w[4] = {1.5, -0.5, 0.75, -2.0};
  double d_x[3] = {0, 0, 0}, d_u = 0, d_y[3] = {w[0], w[1], w[2]};
  step_pullback(x, u, dt, y, w[3], d_x, &d_u, d_y);
  double left = w[0] * jvp[0] + w[1] * jvp[1] + w[2] * jvp[2] + w[3] * jvp[3];
  double right = d_x[0] * v[0] + d_x[1] * v[1] + d_x[2] * v[2] + d_u * v[3];
  ok = report("u^T(J v) vs (J^T u)^T v", worstDifference(&left, &right, 1), 1e-14) && ok;
  return ok ? 0 : 1;
}
#endif
