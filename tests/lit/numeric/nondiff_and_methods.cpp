// GRADC_NONDIFF helpers are evaluated but pass no adjoint (argmax, a run-time
// scale); a member function of a struct parameter is inlined with `this`
// bound to it. Checked against central differences of the same function with
// the NONDIFF value frozen.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/lin.hpp"

GRADC_NONDIFF
static int argmax(const double* z, int n) {
  int k = 0;
  for (int i = 1; i < n; ++i)
    if (z[i] > z[k]) k = i;
  return k;
}

GRADC_NONDIFF
static double scale_of(const double* z, int n) {
  double m = 0.0;
  for (int i = 0; i < n; ++i) m = std::fmax(m, std::fabs(z[i]));
  return m + 1.0;
}

GRADC_GRAD
double f(const double* z, const Lin& lin) {
  int k = argmax(z, 3);
  double s = scale_of(z, 3);
  double y = lin.apply(z);
  return z[k] * z[k] / s + y * y;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

// f with s held at a given value: what the gradient differentiates.
static double frozen(const double* z, const Lin& lin, double s) {
  int k = argmax(z, 3);
  double y = lin.apply(z);
  return z[k] * z[k] / s + y * y;
}

int main() {
  const double z0[3] = {0.3, -1.2, 0.9};
  const Lin lin0{{0.5, -0.25, 1.5}, 0.1};
  double dz[3] = {0, 0, 0};
  Lin dlin{{0, 0, 0}, 0};
  double value = f_grad(z0, lin0, dz, &dlin);
  const double s = scale_of(z0, 3);
  int bad = value == f(z0, lin0) ? 0 : 1;
  const double h = 1e-6;
  for (int i = 0; i < 3; ++i) {
    double zp[3] = {z0[0], z0[1], z0[2]}, zm[3] = {z0[0], z0[1], z0[2]};
    zp[i] += h;
    zm[i] -= h;
    double fd = (frozen(zp, lin0, s) - frozen(zm, lin0, s)) / (2 * h);
    if (std::fabs(fd - dz[i]) > 1e-6 * std::fmax(1.0, std::fabs(fd))) bad = 1;
    Lin lp = lin0, lm = lin0;
    lp.w[i] += h;
    lm.w[i] -= h;
    fd = (frozen(z0, lp, s) - frozen(z0, lm, s)) / (2 * h);
    if (std::fabs(fd - dlin.w[i]) > 1e-6 * std::fmax(1.0, std::fabs(fd))) bad = 1;
    std::printf("dz[%d] = %.10f  dw[%d] = %.10f\n", i, dz[i], i, dlin.w[i]);
  }
  Lin lp = lin0, lm = lin0;
  lp.b += h;
  lm.b -= h;
  double fd = (frozen(z0, lp, s) - frozen(z0, lm, s)) / (2 * h);
  if (std::fabs(fd - dlin.b) > 1e-6 * std::fmax(1.0, std::fabs(fd))) bad = 1;
  return bad;
}
#endif
