// Initialized local arrays: `T a[N] = {e0, e1, ...}` with constants and
// floating expressions, fewer initializers than N (the rest zero), 2-D
// `T a[2][2] = {{..}, {..}}`, and `const` / `constexpr` local tables read
// with a run-time index.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double init_list_grad(
// CHECK: a[0] = x[0];
// CHECK: a[2] = 3.0;
GRADC_GRAD
double init_list(const double* x) {
  double a[6] = {x[0], 2 * x[1] * x[0], 3.0, std::sin(x[1])};  // a[4], a[5] are zero
  double s = 0;
  for (int i = 0; i < 6; ++i) s += a[i] * a[i] + (i + 1) * a[i];
  return s;
}

// CHECK-LABEL: inline double mat2_grad(
GRADC_GRAD
double mat2(const double* x) {
  double A[2][2] = {{x[0], x[1]}, {-x[1], 2.0 * x[0]}};
  double B[2][3] = {{1.0}, {x[0] * x[1]}};  // rows padded with zeros
  double s = 0;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c) s += A[r][c] * A[c][r] + B[r][c] * x[c];
  return s + B[1][0] * B[0][0];
}

// CHECK-LABEL: inline double weighted_grad(
GRADC_GRAD
double weighted(const double* x, int n) {
  const double w[3] = {0.5, -1.25, 2.0};
  constexpr double c[2][2] = {{1.0, 2.0}, {3.0, 4.0}};
  const int idx[4] = {2, 0, 1, 2};
  double s = 0;
  for (int i = 0; i < n; ++i) s += w[i % 3] * x[idx[i % 4]] * x[i] + c[i % 2][(i + 1) % 2] * x[i];
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double x[5] = {0.7, -1.3, 0.4, 1.9, -0.2};
  double g[5] = {};
  double e1 = (init_list_grad(x, g), worstRelativeError(x, g, 2, [&] { return init_list(x); }));
  double g2[5] = {};
  double e2 = (mat2_grad(x, g2), worstRelativeError(x, g2, 2, [&] { return mat2(x); }));
  double g3[5] = {};
  double e3 = (weighted_grad(x, 5, g3), worstRelativeError(x, g3, 5, [&] { return weighted(x, 5); }));
  std::printf("largest relative errors vs central differences: %.2e %.2e %.2e\n", e1, e2, e3);
  return e1 < 1e-8 && e2 < 1e-8 && e3 < 1e-8 ? 0 : 1;
}
#endif
