// f_jacobian and f_hessian of functions whose pointers move (++p, and from an
// input to a local array the selector reads only after the move): the
// forward sweep carries tangents through the same `if` chains over the
// arrays. The local's tangent array is declared zeroed like the array, since
// the def-before-use check cannot see the selector rule out the early read
// (it was an internal error: "'step_jvp' would read 't_h' before anything
// writes it"). J and H against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
void step(const double x[4], double y[2]) {
  double h[3];
  const double* p = x;
  for (int i = 0; i < 3; ++i) {
    h[i] = std::sin(p[0] * x[i]);
    ++p;
  }
  p = h;
  for (int i = 0; i < 2; ++i) y[i] = p[i] * p[i + 1] + x[i];
}

GRADC_HESSIAN
double energy(const double x[3]) {
  double h[2];
  const double* p = x;
  double s = 0;
  for (int i = 0; i < 2; ++i) {
    h[i] = x[i] * x[i + 1];
    s += std::exp(p[0]) * p[1];
    p = h;
  }
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER

#include <cstdio>

int main() {
  double x[4] = {0.3, -0.5, 0.8, 0.1}, J[8], y[2];
  step_jacobian(x, y, J);
  double jerr = 0;
  for (int c = 0; c < 4; ++c) {
    double xp[4], xm[4], yp[2], ym[2];
    for (int k = 0; k < 4; ++k) xp[k] = xm[k] = x[k];
    xp[c] += 1e-6;
    xm[c] -= 1e-6;
    step(xp, yp);
    step(xm, ym);
    for (int r = 0; r < 2; ++r) jerr = std::fmax(jerr, std::fabs(J[r * 4 + c] - (yp[r] - ym[r]) / 2e-6));
  }
  double H[9], herr = 0, asym = 0;
  double z[3] = {0.2, 0.4, -0.3};
  energy_hessian(z, H);
  for (int c = 0; c < 3; ++c) {
    double zp[3] = {z[0], z[1], z[2]}, zm[3] = {z[0], z[1], z[2]}, gp[3] = {}, gm[3] = {};
    zp[c] += 1e-5;
    zm[c] -= 1e-5;
    energy_grad(zp, gp);
    energy_grad(zm, gm);
    for (int r = 0; r < 3; ++r) {
      herr = std::fmax(herr, std::fabs(H[r * 3 + c] - (gp[r] - gm[r]) / 2e-5));
      asym = std::fmax(asym, std::fabs(H[r * 3 + c] - H[c * 3 + r]));
    }
  }
  std::printf("jacobian vs central differences %.1e, hessian %.1e, asymmetry %.1e\n", jerr, herr, asym);
  return jerr < 1e-8 && herr < 1e-7 && asym == 0 ? 0 : 1;
}
#endif
