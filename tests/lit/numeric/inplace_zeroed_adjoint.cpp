// Fuzz seed 700016 (a wrong gradient): in f_pullback, the adjoint d_h1 took
// the storage of the tape t_kept because the reverse loop writes d_h1[i]
// only after reading t_kept[i]; but an adjoint array is zeroed whole where it
// is declared, before the loop, so the loop read the tape as zeros. An
// adjoint that is zeroed at its declaration takes no storage in place.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// CHECK-NOT: takes the storage of t_kept
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
float f2(float x, const float* xs) {
  float h1[3] = {};
  float a5[3] = {};
  for (int i = 2; i >= 0; i--) {
    h1[i] += std::sin(xs[0]);
    h1[i] = 1.0f;
    float t6 = x;
    a5[i] = std::atan(h1[i]);
    x += 0.001f * std::tanh(t6);
  }
  return std::sin(x) - x + 0.25f * a5[0];
}

GRADC_GRAD
double g2(double x, const double* xs) {
  double h1[3] = {};
  double a5[3] = {};
  for (int i = 2; i >= 0; i--) {
    h1[i] += std::sin(xs[0]);
    h1[i] = 1.0;
    double t6 = x;
    a5[i] = std::atan(h1[i]);
    x += 0.25 * std::tanh(t6);
  }
  return std::sin(x) - x + 0.25 * a5[0];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  bool ok = true;
  const double xs[1] = {0.57};
  for (double x : {-0.665, 0.38, 1.3}) {
    double d_x = 0, d_xs[1] = {0};
    g2_pullback(x, xs, 1.0, &d_x, d_xs);
    double h = 1e-6, cd = (g2(x + h, xs) - g2(x - h, xs)) / (2 * h);
    std::printf("g2_pullback d_x %.12g, central differences %.12g\n", d_x, cd);
    ok = ok && std::fabs(d_x - cd) < 1e-8;
    float fx = static_cast<float>(x), fxs[1] = {0.57f}, d_fx = 0, d_fxs[1] = {0};
    f2_pullback(fx, fxs, 1.0f, &d_fx, d_fxs);
    double want = (f2(fx + 1e-2f, fxs) - f2(fx - 1e-2f, fxs)) / 2e-2;
    std::printf("f2_pullback d_x %.9g, central differences %.9g\n", d_fx, want);
    ok = ok && std::fabs(d_fx - want) < 2e-4;
  }
  std::printf("%s\n", ok ? "all as expected" : "UNEXPECTED");
  return ok ? 0 : 1;
}
#endif
