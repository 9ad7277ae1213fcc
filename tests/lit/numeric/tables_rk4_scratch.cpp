// RK4-style integration: the state brace-initialized from the input
// (`double y[2] = {y0[0], y0[1]}`), scratch arrays declared before the loop
// and overwritten each step by a helper, and index lists (`const int*`,
// `int idx[N] = {...}`) that are never under the overwrite rule.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

void rhs(const double* y, double w, double* dy) {
  dy[0] = y[1];
  dy[1] = -w * w * std::sin(y[0]);
}

// CHECK-LABEL: inline double rk4_grad(
// CHECK: y[0] = y0[0];
// CHECK: y[1] = y0[1];
// The reverse of the initializer: no reset of d_y's elements, nothing reads them after.
// CHECK: // line [[#@LINE+5]]: double y[2] = {y0[0], y0[1]};
// CHECK-NEXT: d_y0[1] += d_y[1];
// CHECK-NEXT: d_y0[0] += d_y[0];
GRADC_GRAD
double rk4(const double* y0, double w, double h) {
  double y[2] = {y0[0], y0[1]};
  double k1[2], k2[2], k3[2], k4[2], t[2];
  for (int s = 0; s < 8; ++s) {
    rhs(y, w, k1);
    for (int i = 0; i < 2; ++i) t[i] = y[i] + 0.5 * h * k1[i];
    rhs(t, w, k2);
    for (int i = 0; i < 2; ++i) t[i] = y[i] + 0.5 * h * k2[i];
    rhs(t, w, k3);
    for (int i = 0; i < 2; ++i) t[i] = y[i] + h * k3[i];
    rhs(t, w, k4);
    for (int i = 0; i < 2; ++i) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
  return y[0] * y[0] + 0.5 * y[1];
}

// The index lists are read after being written and rewritten: integers,
// never saved or restored.
// CHECK-LABEL: inline double gather_grad(
GRADC_GRAD
double gather(const double* x, const int* order) {
  int idx[4] = {3, 1, 0, 2};
  double s = 0;
  for (int k = 0; k < 6; ++k) {
    s += x[order[k]] * x[idx[k % 4]];
    idx[k % 4] = order[k];  // an integer overwrite after a read
  }
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double p[4] = {0.3, -0.8, 1.7, 0.1};  // y0[0], y0[1], w, h
  double g[4] = {};
  rk4_grad(p, p[2], p[3], g, &g[2], &g[3]);
  double e1 = worstRelativeError(p, g, 4, [&] { return rk4(p, p[2], p[3]); });
  double x[4] = {0.5, -1.1, 0.9, 2.3}, gx[4] = {};
  const int order[6] = {2, 0, 3, 1, 1, 0};
  gather_grad(x, order, gx);
  double e2 = worstRelativeError(x, gx, 4, [&] { return gather(x, order); });
  std::printf("largest relative errors vs central differences: %.2e %.2e\n", e1, e2);
  return e1 < 1e-7 && e2 < 1e-8 ? 0 : 1;
}
#endif
