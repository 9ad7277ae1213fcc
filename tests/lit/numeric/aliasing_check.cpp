// The no-aliasing contract of adjoint arrays (GRADC_RESTRICT): under
// -DGRADC_CHECK_ALIASING each generated function checks it on entry and
// calls GRADC_ALIASING_FAILED when an adjoint array overlaps another argument.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --check-prefix=SHAPE < %t.hpp
// RUN: %run-check %s %t.hpp -DGRADC_CHECK_ALIASING
// SHAPE: inline double weighted_grad(const double* x, const double* w, double* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_w) {
// SHAPE-NEXT: #ifdef GRADC_CHECK_ALIASING
// SHAPE-NEXT: gradc::check_apart({{[{][{]}}d_x, 4 * sizeof(double)}, {d_w, 4 * sizeof(double)}, {x, 4 * sizeof(double)}, {w, 4 * sizeof(double)}}, 2, "weighted_grad: an adjoint array overlaps another argument");
// SHAPE-NEXT: #endif
#ifdef GRADC_CHECK_MAIN
// Count failures instead of trapping (defined before gradc.h is included).
static int failures = 0;
#define GRADC_ALIASING_FAILED(what) (++failures)
#endif
#include <gradc/gradc.h>

GRADC_GRAD
double weighted(const double x[4], const double w[4]) {
  double s = 0.0;
  for (int i = 0; i < 4; ++i) s += w[i] * x[i] * x[i];
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
int main() {
  double x[4] = {1, 2, 3, 4}, w[4] = {0.5, -1, 2, 0.25};
  double buffer[8] = {};
  // Apart: no failure, and the gradient is right (d/dx_i = 2 w_i x_i, d/dw_i = x_i^2).
  weighted_grad(x, w, buffer, buffer + 4);
  bool right = failures == 0;
  for (int i = 0; i < 4; ++i) right = right && buffer[i] == 2 * w[i] * x[i] && buffer[4 + i] == x[i] * x[i];
  // The two adjoint arrays overlap by one element; then d_x is x itself.
  weighted_grad(x, w, buffer, buffer + 3);
  int overlapping = failures;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"  // (g++ sees this one at compile time too)
#endif
  weighted_grad(x, w, x, buffer);
  int same = failures - overlapping;
  std::printf("apart ok %d, overlapping adjoints %d failure(s), adjoint = input %d failure(s)\n", right, overlapping, same);
  return right && overlapping == 1 && same == 1 ? 0 : 1;
}
#endif
