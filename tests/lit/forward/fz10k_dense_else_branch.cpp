// f_hessian and f_jacobian (one sweep carrying every direction, per-column
// copies t_<name>_c<k>) of an if/else whose then branch makes a tangent zero
// in a column (`x = y`: t_x_c0 = t_y_c0 = 0) and whose else branch reads it
// (`x += 0.25`: t_x = t_x). The else branch was copied with the then branch's
// zeros still known, so it wrote t_x_c0 = 0.0 (and zeroed t_d_x): a silently
// wrong Hessian (fuzz campaign of 2026-12-07, seed 800282 f0, tests/fuzz/
// FINDINGS.md dense-else-zero). f_hvp was right.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_HESSIAN
double f(int m, double x, double y) {
  double t4 = x;
  if (m > -1) {
    x = y;
  } else {
    x += 0.25;
  }
  return std::sin(t4 * y + x);
}

GRADC_JACOBIAN
void g(int m, const double in[2], double out[2]) {
  double x = in[0], y = in[1];
  if (m > 0) {
    x = y;
  } else {
    x += 0.5 * y;
  }
  out[0] = x * y;
  out[1] = std::sin(x);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  for (int m : {-2, 1}) {
    double x = 0.28, y = 0.33, H[4];
    f_hessian(m, x, y, H);
    std::vector<double> Hfd = centralJacobian<double>({&x, &y}, 2, [&](double* d) {
      d[0] = d[1] = 0;
      f_grad(m, x, y, &d[0], &d[1]);
    });
    ok = report(m < 0 ? "f_hessian (else) vs central differences" : "f_hessian (then) vs central differences",
                worstDifference(H, Hfd.data(), 4), 1e-7) && ok;
    for (int j = 0; j < 2; ++j) {
      double t[2] = {0, 0}, hv[2];
      t[j] = 1;
      f_hvp(m, x, y, t[0], t[1], &hv[0], &hv[1]);
      const double col[2] = {H[j], H[2 + j]};
      ok = report("f_hvp(e_j) vs f_hessian's column j", worstDifference(hv, col, 2), 1e-14) && ok;
    }
    double in[2] = {0.7, -0.4}, out[2], J[4];
    g_jacobian(m, in, out, J);
    std::vector<double> Jfd = centralJacobian<double>({&in[0], &in[1]}, 2, [&](double* o) { g(m, in, o); });
    ok = report(m < 0 ? "g_jacobian (else) vs central differences" : "g_jacobian (then) vs central differences",
                worstDifference(J, Jfd.data(), 4), 1e-7) && ok;
  }
  return ok ? 0 : 1;
}
#endif
