// f_jvp through branches (if/else, a ternary, fmax, fabs, tanh) and an
// output the function adds to (`out[1] += ...`, so its tangent starts at
// zero), at points on both sides of each branch: equal to central
// differences and to the pullback (u^T (J v) = (J^T u)^T v).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
double piecewise(double x, double y, double out[2]) {
  double r;
  if (x > y)
    r = x * x - y;
  else
    r = std::log(1.0 + y * y) * x;
  double m = std::fmax(r, 0.5 * x);
  out[0] = x > 0 ? m : -m * y;
  out[1] = 0.0;
  for (int i = 0; i < 3; ++i) out[1] += m * i + std::fabs(y - i);
  return std::tanh(m);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  const double points[4][2] = {{1.5, 0.3}, {-0.7, 0.4}, {0.2, 1.3}, {-1.1, -2.6}};
  for (const auto& pt : points) {
    double x = pt[0], y = pt[1], out[2];
    const double v[2] = {-0.4, 1.1};
    double t_out[2], t_ret;
    piecewise_jvp(x, y, out, v[0], v[1], t_out, &t_ret);
    std::vector<double> J = centralJacobian<double>({&x, &y}, 3, [&](double* o) {
      double oo[2];
      o[2] = piecewise(x, y, oo);
      o[0] = oo[0];
      o[1] = oo[1];
    });
    std::vector<double> Jv = times(J, v, 3, 2);
    double jvp[3] = {t_out[0], t_out[1], t_ret};
    std::printf("point (%g, %g)\n", x, y);
    ok = report("piecewise_jvp vs central differences", worstDifference(jvp, Jv.data(), 3), 1e-7) && ok;
    double Jd[piecewise_jacobian_rows * piecewise_jacobian_cols];
    piecewise_jacobian(x, y, out, Jd);
    ok = report("piecewise_jacobian vs central differences", worstDifference(Jd, J.data(), 6), 1e-7) && ok;
    const double w[3] = {0.8, -0.3, 1.9};
    double d_x = 0, d_y = 0, d_out[2] = {w[0], w[1]};
    piecewise_pullback(x, y, out, w[2], &d_x, &d_y, d_out);
    double left = w[0] * jvp[0] + w[1] * jvp[1] + w[2] * jvp[2];
    double right = d_x * v[0] + d_y * v[1];
    ok = report("u^T(J v) vs (J^T u)^T v", worstDifference(&left, &right, 1), 1e-14) && ok;
  }
  return ok ? 0 : 1;
}
#endif
