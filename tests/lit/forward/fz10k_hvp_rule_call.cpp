// f_hvp and f_hessian of functions with user rules (GRADC_PULLBACK_OF) whose
// bodies call functions that have rules: the forward stage resolves those
// calls to their rules by declaration, as the reverse stage does. Was a zero
// Hessian (tests/fuzz/FINDINGS.md hvp-rule-call), then an error at the marker.
// RUN: %gradc %s -o %t.hpp -- %flags -I %S/Inputs
// RUN: %run-check %s %t.hpp -I %S/Inputs
#include "fz10k_rule_calls.hpp"

// f'' = s(1-s)(1-2s), s = lg(y): the minimized fuzz reproducer.
GRADC_HESSIAN
double f(double y) { return lg(y); }

GRADC_HESSIAN
double g(double y, double z) { return act::logistic(y * z) + soft(z - y) + y * lg(z); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  for (double y : {0.4, -1.3, 2.2}) {
    const double s = lg(y), exact = s * (1 - s) * (1 - 2 * s);
    double H[1], hv = 0;
    f_hessian(y, H);
    f_hvp(y, 1.0, &hv);
    ok = report("f_hessian vs s(1-s)(1-2s)", std::fabs(H[0] - exact), 1e-15) && ok;
    ok = report("f_hvp vs s(1-s)(1-2s)", std::fabs(hv - exact), 1e-15) && ok;
  }
  double y = 0.7, z = -0.45;
  const int n = g_hessian_size;
  double H[n * n];
  double value = g_hessian(y, z, H);
  ok = report("g_hessian value vs g", std::fabs(value - g(y, z)), 0) && ok;
  ok = report("g_hessian symmetric (exactly)", std::fabs(H[1] - H[2]), 0) && ok;
  std::vector<double> Hfd = centralJacobian<double>({&y, &z}, n, [&](double* d) {
    d[0] = d[1] = 0;
    g_grad(y, z, &d[0], &d[1]);
  });
  ok = report("g_hessian vs central differences of grad", worstDifference(H, Hfd.data(), n * n), 1e-7) && ok;
  const double v[2] = {0.8, -1.6};
  double hv[2] = {0, 0};
  g_hvp(y, z, v[0], v[1], &hv[0], &hv[1]);
  std::vector<double> Hv = times(std::vector<double>(H, H + n * n), v, n, n);
  ok = report("g_hvp vs H v", worstDifference(hv, Hv.data(), n), 1e-13) && ok;
  return ok ? 0 : 1;
}
#endif
