// Regression (issue 24): a negation of a negative literal or of another
// negation printed as `--1` (a decrement: the header did not compile), and a
// negative right operand printed as `x - -1.0`. Negations fold or flip the
// operator instead, in every expression the emitter prints.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %FileCheck --check-prefix=NOSIGN %s < %t.hpp
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

// (Comment lines repeat the source; code lines have no `--`, `- -` or `+ -`.)
// NOSIGN-NOT: {{^[^/]*}}--
// NOSIGN-NOT: {{^[^/]*}}- -
// NOSIGN-NOT: {{^[^/]*}}+ -

// CHECK-LABEL: inline double issue_grad(double x, double* d_x) {
// CHECK: double issue = x;
// CHECK: *d_x += 1.0;
GRADC_GRAD
double issue(double x) { return -(-1) * x; }

// CHECK-LABEL: inline double mixed_grad(
// CHECK: double t0 = x + 1.0;
// CHECK: double t1 = x - y;
// CHECK: double t3 = x + y;
GRADC_GRAD
double mixed(double x, double y) {
  return (x - (-1.0)) * (x + (-y)) * (x - (-y)) * (-x * -y) - (-(-x)) + (-(-(x * y)));
}

// CHECK-LABEL: inline float single_grad(
// CHECK: float a = 2.0f * x;
// CHECK: float b = a + y;
GRADC_GRAD
float single(float x, float y) {
  float a = -(-2.0f) * x;
  float b = a - (-y);
  b -= -x;
  return -(-b) * -(-1);
}

// Integer expressions cleanup does not fold (long) reach the printer as written.
// CHECK-LABEL: inline double integers_grad(
// CHECK: long a = n;
// CHECK: long b = n + 2L;
// CHECK: int c = m - m * 3;
GRADC_GRAD
double integers(double x, long n, int m) {
  long a = -(-n);
  long b = n - (-2L);
  int c = m - m * -(-3);
  return x * static_cast<double>(a - (-b)) + x * (c - (-(-m))) - (-x);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  {
    double p[1] = {0.8}, d[1] = {0};
    issue_grad(p[0], &d[0]);
    worst = std::fmax(worst, worstRelativeError(p, d, 1, [&] { return issue(p[0]); }));
  }
  {
    double p[2] = {0.8, -1.3}, d[2] = {0, 0};
    mixed_grad(p[0], p[1], &d[0], &d[1]);
    worst = std::fmax(worst, worstRelativeError(p, d, 2, [&] { return mixed(p[0], p[1]); }));
  }
  {
    double p[1] = {0.8}, d[1] = {0};
    integers_grad(p[0], 5, 3, &d[0]);
    worst = std::fmax(worst, worstRelativeError(p, d, 1, [&] { return integers(p[0], 5, 3); }));
  }
  float dx = 0, dy = 0;
  single_grad(0.5f, 2.0f, &dx, &dy);  // d/dx (2x + y + x) = 3, d/dy = 1
  std::printf("largest relative error vs central differences: %.2e; single: %g %g\n", worst, dx, dy);
  return worst < 1e-8 && dx == 3.0f && dy == 1.0f ? 0 : 1;
}
#endif
