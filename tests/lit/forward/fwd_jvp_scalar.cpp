// f_jvp of a scalar function of scalars (exp, sin, division, pow, atan2,
// sqrt): the directional derivative equals central differences and the
// gradient dotted with the direction; f_jacobian (one row: reverse mode)
// equals central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline double f_jvp(double x, double y, double t_x, double t_y, double* t_ret) {
// CHECK: // Reverse mode: 1 row(s) < 2 column(s)
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
double f(double x, double y) {
  double a = std::exp(x) * y;
  double b = std::sin(a) / (1.0 + x * x);
  return std::pow(b, 2.0) + std::atan2(y, x) + std::sqrt(x * x + y * y) + 3.0 * x * x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  const double points[3][2] = {{0.3, -0.7}, {-1.2, 0.4}, {0.9, 1.6}};
  for (const auto& pt : points) {
    double x = pt[0], y = pt[1];
    const double v[2] = {0.6, -1.3};
    double t_ret = NAN;
    double value = f_jvp(x, y, v[0], v[1], &t_ret);
    std::vector<double> J = centralJacobian<double>({&x, &y}, 1, [&](double* out) { out[0] = f(x, y); });
    std::vector<double> Jv = times(J, v, 1, 2);
    ok = report("f_jvp vs central differences", worstDifference(&t_ret, Jv.data(), 1), 1e-7) && ok;
    ok = report("f_jvp value vs f", std::fabs(value - f(x, y)), 0) && ok;
    double g[2] = {0, 0};
    f_grad(x, y, &g[0], &g[1]);
    double gv = g[0] * v[0] + g[1] * v[1];
    ok = report("u^T(J v) vs (J^T u)^T v", worstDifference(&t_ret, &gv, 1), 1e-14) && ok;
    double Jd[f_jacobian_rows * f_jacobian_cols];
    double value2 = f_jacobian(x, y, Jd);
    ok = report("f_jacobian vs central differences", worstDifference(Jd, J.data(), 2), 1e-7) && ok;
    ok = report("f_jacobian value vs f", std::fabs(value2 - f(x, y)), 0) && ok;
  }
  return ok ? 0 : 1;
}
#endif
