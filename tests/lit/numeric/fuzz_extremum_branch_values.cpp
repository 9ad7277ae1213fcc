// A running max/min whose update computes its value in the branch
// (`if (std::sin(y + 0.5 * e) < lo) lo = std::sin(y + 0.5 * e);`): the
// reverse of the kept iteration must recompute that value (y + 0.5 * e at
// the kept e). It read it as 0 (fuzz seeds 2, 3, 4 of the extrema
// generator, tests/fuzz/fz_extrema.py), also with y overwritten after the
// loop, and with the value mixed with an array element.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double lowest(double x, double y) {
  double lo = std::tanh(y);
  for (int e = 1; e < 4; e++)
    if (std::sin(y + 0.5 * e) < lo) lo = std::sin(y + 0.5 * e);
  y = x * 2.0;
  return y + 0.25 * lo;
}

GRADC_GRAD
float highest(float x, const float* w, int n) {
  float hi = -5.0f;
  for (int r = 0; r < n; ++r)
    if (std::sin(w[r] * x) > hi) hi = std::sin(w[r] * x);
  x = x * x;
  return hi + x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  for (double y0 : {1.8686, -0.7, 0.2}) {
    double p[2] = {0.3, y0}, g[2] = {};
    lowest_grad(p[0], p[1], &g[0], &g[1]);
    worst = std::fmax(worst, worstRelativeError(p, g, 2, [&] { return lowest(p[0], p[1]); }));
  }
  {
    // float: against central differences of the double-evaluated function
    const float w[4] = {0.9f, -1.3f, 2.1f, 0.4f};
    for (float x0 : {0.6f, -1.1f}) {
      float dx = 0, dw[4] = {};
      highest_grad(x0, w, 4, &dx, dw);
      double p[5] = {x0, w[0], w[1], w[2], w[3]}, g[5] = {dx, dw[0], dw[1], dw[2], dw[3]};
      auto f = [&] {
        double hi = -5.0;
        for (int r = 0; r < 4; ++r) hi = std::fmax(hi, std::sin(p[1 + r] * p[0]));
        return hi + p[0] * p[0];
      };
      worst = std::fmax(worst, worstRelativeError(p, g, 5, f, 1e-6) * 1e-3);  // float: 1e-4 of 1e-7
    }
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
