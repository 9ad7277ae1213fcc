// Range-based `for` over an array of constant length or a std::array
// (peer suites' `for (double e : v) s += e * e * e;`): the counted loop over
// the elements, the loop variable a local copied from element i (by value)
// or element i itself (by reference, written through too). std::array's
// `a.fill(v)` is a loop of assignments. A range over anything else (a
// pointer, a std::vector, a braced list) stays rejected with the counted-for
// rewrite: diagnostics/range_for.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <array>
#include <cmath>

// By value over a local array (clad's range_for).
// CHECK-LABEL: inline double by_value_grad(
// CHECK: // line [[@LINE+7]]: for (double e : v)
// CHECK-NEXT: for (int e_i0 = 0; e_i0 < 3; ++e_i0) {
// CHECK-NEXT: double e = v[e_i0];
GRADC_GRAD
double by_value(double x, double y) {
  double v[3] = {x, y, x * y};
  double s = 0;
  for (double e : v) s += e * e * e;
  return s;
}

// By const reference over an array parameter, and by reference writing a local.
GRADC_GRAD
double by_reference(const double (&w)[3], double x) {
  double a[3] = {x, 2 * x, 3 * x};
  for (double& e : a) e *= e;
  double s = 0;
  for (const double& e : w) s += std::sin(e) * x;
  for (double e : a) s += e;
  return s;
}

// Over a std::array (a parameter and a local), with fill.
// CHECK-LABEL: inline double std_arrays_grad(
// CHECK: // line [[@LINE+7]]: a.fill(y * y)
// CHECK-NEXT: double t0 = y * y;
// CHECK: for (int k0 = 0; k0 < 4; ++k0) {
// CHECK-NEXT: a[k0] = t0;
GRADC_GRAD
double std_arrays(const std::array<double, 3>& p, double y) {
  std::array<double, 4> a;
  a.fill(y * y);
  a[2] = y;
  double s = 0;
  for (double e : p) s += e * y;
  for (double e : a) s += e;
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

int main() {
  bool ok = true;
  {
    std::vector<double> p = {0.6, -1.1}, d(2, 0.0);
    const double x = p[0], y = p[1];
    ok &= by_value_grad(x, y, &d[0], &d[1]) == by_value(x, y);
    // x^3 + y^3 + x^3 y^3
    ok &= std::fabs(d[0] - (3 * x * x + 3 * x * x * y * y * y)) < 1e-14;
    ok &= std::fabs(d[1] - (3 * y * y + 3 * y * y * x * x * x)) < 1e-14;
    ok &= reportGradient("by_value", p, d, [&] { return by_value(p[0], p[1]); });
  }
  {
    double w[3] = {0.2, -0.9, 1.4}, d_w[3] = {0, 0, 0};
    std::vector<double> p = {0.2, -0.9, 1.4, 0.75}, d(4, 0.0);
    double d_x = 0;
    ok &= by_reference_grad(w, p[3], d_w, &d_x) == by_reference(w, p[3]);
    for (int i = 0; i < 3; ++i) d[i] = d_w[i];
    d[3] = d_x;
    auto f = [&] {
      double ww[3] = {p[0], p[1], p[2]};
      return by_reference(ww, p[3]);
    };
    // sum sin(w_i) x + 14 x^2
    double q = std::sin(w[0]) + std::sin(w[1]) + std::sin(w[2]);
    ok &= std::fabs(d_x - (q + 28 * p[3])) < 1e-13 && std::fabs(d_w[1] - std::cos(w[1]) * p[3]) < 1e-15;
    ok &= reportGradient("by_reference", p, d, f);
  }
  {
    std::array<double, 3> a = {0.3, 0.5, -0.8}, d_a = {0, 0, 0};
    std::vector<double> p = {0.3, 0.5, -0.8, 1.2}, d(4, 0.0);
    ok &= std_arrays_grad(a, p[3], &d_a, &d[3]) == std_arrays(a, p[3]);
    for (int i = 0; i < 3; ++i) d[i] = d_a[i];
    // y sum p_i + 3 y^2 + y
    ok &= std::fabs(d[3] - (a[0] + a[1] + a[2] + 6 * p[3] + 1)) < 1e-14 && d_a[0] == p[3];
    ok &= reportGradient("std_arrays", p, d, [&] { return std_arrays({p[0], p[1], p[2]}, p[3]); });
  }
  return ok ? 0 : 1;
}
#endif
