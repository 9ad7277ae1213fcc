// Assignments inside expressions, run as statements before the expression
// when nothing else in it reads the variable: `a = b = e`, `(r *= y) + 1`,
// `y = x++` (the old value), `++x` (the new one), the comma operator, an
// assignment in an if condition and an index `x[i++]`; `double a{}` and
// `double a{x}`, `double()`.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double chained_grad(
// CHECK: double b = x * y;
// CHECK-NEXT: double a = b;
GRADC_GRAD
double chained(double x, double y) {
  double a, b;
  a = b = x * y;
  double c = (a += y) * 2;
  return a * b + c + x;
}

GRADC_GRAD
double compound_value(double x, double y) {
  double r = x;
  double s = (r *= y) + 1;
  return r * s;
}

// CHECK-LABEL: inline double increments_grad(
// CHECK: double old = x;
// CHECK-NEXT: x = x + 1.0;
// CHECK-NEXT: double y = old;
GRADC_GRAD
double increments(double x) {
  double y = x++;
  double z = ++x * y;
  return x * y + z;
}

GRADC_GRAD
double comma(double x, double y) {
  double t = (x = x * 2, y + x);
  return t * y + x;
}

GRADC_GRAD
double in_condition(double x) {
  double t;
  if ((t = std::exp(x)) > 2) return t * x;
  return t;
}

GRADC_GRAD_WRT(x)
double index_increment(const double* x, int n) {
  double s = 0;
  int i = 0;
  for (int k = 0; k < n; ++k) s += x[i++] * (k + 1);
  return s;
}

GRADC_GRAD
double braces(double x, double y) {
  double a{};
  double b{x * y};
  double c = double();
  int k = int();
  a += x;
  b += y * a;
  c += b * (k + 1);
  return a * c;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

#include "Inputs/central_difference.hpp"

int main() {
  double err = 0;
  auto check = [&](double* p, const double* g, int n, double v, const std::function<double()>& f) {
    err = std::fmax(err, std::fabs(v - f()));
    err = std::fmax(err, worstRelativeError(p, g, n, f));
  };
  for (double s : {0.6, 1.7}) {
    double p[2] = {s, 0.8 - s}, g[2] = {};
    check(p, g, 2, chained_grad(p[0], p[1], &g[0], &g[1]), [&] { return chained(p[0], p[1]); });
    g[0] = g[1] = 0;
    check(p, g, 2, compound_value_grad(p[0], p[1], &g[0], &g[1]), [&] { return compound_value(p[0], p[1]); });
    g[0] = g[1] = 0;
    check(p, g, 2, comma_grad(p[0], p[1], &g[0], &g[1]), [&] { return comma(p[0], p[1]); });
    g[0] = g[1] = 0;
    check(p, g, 2, braces_grad(p[0], p[1], &g[0], &g[1]), [&] { return braces(p[0], p[1]); });
    g[0] = 0;
    check(p, g, 1, increments_grad(p[0], &g[0]), [&] { return increments(p[0]); });
    g[0] = 0;
    check(p, g, 1, in_condition_grad(p[0], &g[0]), [&] { return in_condition(p[0]); });
  }
  {
    double x[4] = {0.3, -0.5, 1.4, 2.0}, dx[4] = {};
    std::vector<double> work(index_increment_grad_work_bytes(4) / sizeof(double) + 1);
    check(x, dx, 4, index_increment_grad(x, 4, dx, work.data(), work.size() * sizeof(double)),
          [&] { return index_increment(x, 4); });
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
