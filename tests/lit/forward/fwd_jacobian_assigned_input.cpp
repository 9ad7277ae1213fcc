// A scalar input the body assigns (`y -= x`, `x = x * u`): its tangent is
// assigned too, so the one-sweep f_jacobian / f_hessian must keep it per
// column, starting from the column's seed, not read the seed again (fuzz
// seed 2001: wrong Hessians and Jacobians before). Checked against central
// differences, f_jvp and f_hvp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_HESSIAN
double hess(double x, double y) {
  y -= x;
  double t = std::sin(y);
  double h = x > y ? x : t;
  return h * x + 0.25 * y * y;
}

GRADC_JACOBIAN
double jac(double x, double u, double y[2]) {
  x = x * u;
  y[0] = std::exp(x) + u;
  y[1] = x * x;
  return x + u * u;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  for (double x0 : {-0.75, 1.8}) {
    double x = x0, y = -1.0, H[4];
    hess_hessian(x, y, H);
    std::vector<double> fd = centralJacobian<double>({&x, &y}, 2, [&](double* g) {
      g[0] = g[1] = 0.0;
      hess_grad(x, y, &g[0], &g[1]);
    });
    ok = report("hess_hessian vs central differences of hess_grad", worstDifference(H, fd.data(), 4), 1e-7) && ok;
    const double v[2] = {0.3, -1.2};
    double hv[2];
    hess_hvp(x, y, v[0], v[1], &hv[0], &hv[1]);
    std::vector<double> Hv = times(std::vector<double>(H, H + 4), v, 2, 2);
    ok = report("hess_hvp vs H v", worstDifference(hv, Hv.data(), 2), 1e-12) && ok;
  }
  double x = 0.4, u = 1.3, y[2], J[6];
  jac_jacobian(x, u, y, J);
  std::vector<double> fd = centralJacobian<double>({&x, &u}, 3, [&](double* o) {
    double yy[2];
    o[2] = jac(x, u, yy);
    o[0] = yy[0];
    o[1] = yy[1];
  });
  ok = report("jac_jacobian vs central differences", worstDifference(J, fd.data(), 6), 1e-7) && ok;
  return ok ? 0 : 1;
}
#endif
