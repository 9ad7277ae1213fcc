// A heap array read inside a `[&]` lambda (fuzz seed 97007, FINDINGS.md
// 2026-12-07): the by-reference capture of the pointer was taken for taking
// its address ("the heap pointer 'a', which the function moves, reassigns or
// takes the address of"), though only the lambda's body uses it, and only to
// read elements. What the body does with it decides (lower/Views.cpp
// onlyRead); an init-capture binding a reference to it is still a use.
// Gradients against central differences and a hand-written gradient.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>
#include <cstdlib>

GRADC_GRAD
double scaled(const double* w, double x) {
  double* a = new double[3]();
  for (int j = 0; j < 3; ++j) a[j] = std::sin(w[j] * x);
  double s = 0.0;
  for (int j = 0; j < 3; ++j) {
    auto at = [&]() { return a[j] * a[j]; };
    s += at();
  }
  delete[] a;
  return s;
}

GRADC_GRAD
double summed(const double* w, double x) {
  double* b = static_cast<double*>(std::malloc(2 * sizeof(double)));
  b[0] = std::exp(w[0] * x);
  b[1] = w[1] * x;
  auto total = [&]() { return b[0] + b[1] * b[1]; };
  const double t = total();
  std::free(b);
  return t;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  for (double x : {-1.3, 0.2, 0.9}) {
    double w[3] = {0.7, -1.1, 0.4}, gw[3] = {}, gx = 0;
    scaled_grad(w, x, gw, &gx);
    // d/dw_j sin^2(w_j x) = 2 sin cos x; d/dx = sum 2 sin cos w_j
    double hx = 0;
    for (int j = 0; j < 3; ++j) {
      const double s = std::sin(w[j] * x), c = std::cos(w[j] * x);
      worst = std::fmax(worst, std::fabs(gw[j] - 2 * s * c * x));
      hx += 2 * s * c * w[j];
    }
    worst = std::fmax(worst, std::fabs(gx - hx));
    worst = std::fmax(worst, worstRelativeError(w, gw, 3, [&] { return scaled(w, x); }));
    double v[2] = {0.5, -0.8}, gv[2] = {}, gy = 0;
    summed_grad(v, x, gv, &gy);
    const double e = std::exp(v[0] * x);
    worst = std::fmax(worst, std::fabs(gv[0] - e * x) + std::fabs(gv[1] - 2 * v[1] * x * x));
    worst = std::fmax(worst, std::fabs(gy - (e * v[0] + 2 * v[1] * v[1] * x)));
    worst = std::fmax(worst, worstRelativeError(v, gv, 2, [&] { return summed(v, x); }));
  }
  std::printf("largest error vs central differences and by hand: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
