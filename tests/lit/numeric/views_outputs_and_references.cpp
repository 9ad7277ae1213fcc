// Scalar outputs through a pointer (`*err = ...`, `*out += ...`) and
// references: `const double&` parameters (read like values; adjoint
// `double* d_a`), `double&` outputs (adjoint `double* d_out`, a seed),
// `const double (&a)[N]` arrays, and local references to elements
// (`double& e = x[i];`: reads and writes go to x[i]). Checked against central
// differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

// CHECK-LABEL: inline void residual_pullback(const double* x, double* err, double* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_err) {
GRADC_GRAD
void residual(const double* x, double* err) {
  *err = x[0] * x[1] - std::sin(*x);
  *err += x[1] * x[1];
}

// CHECK-LABEL: inline double scaled_grad(const double& a, double b, double* d_a, double* d_b) {
GRADC_GRAD
double scaled(const double& a, double b) { return a * b + std::exp(a); }

// CHECK-LABEL: inline void square_pullback(double a, double& out, double* d_a, double* GRADC_RESTRICT d_out) {
// CHECK: out = a * a;
GRADC_GRAD
void square(double a, double& out) { out = a * a; }

// CHECK-LABEL: inline double product3_grad(const double (&a)[3], double* GRADC_RESTRICT d_a) {
GRADC_GRAD
double product3(const double (&a)[3]) { return a[0] * a[1] * a[2]; }

// A local reference to an element: written, then read.
GRADC_GRAD
double local_ref(const double* x) {
  double t[3] = {};
  for (int i = 0; i < 3; ++i) {
    double& e = t[i];
    e = x[i] * x[i];
    e += std::cos(x[i]);
    const double& r = x[(i + 1) % 3];
    t[i] = e * r;
  }
  double& total = t[0];
  return total + t[1] * t[2];
}

// A helper writing a scalar through `double&`, given an element or `*p`.
void put(double v, double& dst) { dst = v * v; }
GRADC_GRAD
void put_all(const double* x, double* y) {
  put(x[0], y[1]);
  put(x[1], *y);
  double* z = y + 2;
  put(x[0] * x[1], *z);
}

// The address of a `double&` parameter given to a marked callee: inlined
// (the pullback would want an array where the function has a reference).
GRADC_GRAD
double sq1(const double* p) { return p[0] * p[0]; }
// CHECK-LABEL: inline double via_address_grad(
// CHECK-NOT: sq1_pullback
// CHECK: return via_address;
GRADC_GRAD
double via_address(double& r) { return sq1(&r) * r; }

// References to a struct local's member are the member: written through
// one (`r *= x`), or read after the member changed (`const double& c = v.y;
// v.y = ...; ... c`), where a copy taken at the binding would be wrong.
struct Vec2 {
  double x, y;
};
// CHECK-LABEL: inline double member_refs_grad(
// CHECK-NOT: double r =
// CHECK-NOT: double c =
GRADC_GRAD
double member_refs(double x, double y) {
  Vec2 v{x, y};
  double& r = v.y;
  r *= x;
  const double& c = v.x;
  v.x = 5 * x * v.y;
  return c * x + r;
}

// A const reference to what std::max returns, nothing changed while it lives:
// read as a copy.
GRADC_GRAD
double max_ref(double x, double y) {
  double a = x * x, b = y;
  const double& m = std::max(a, b);
  return m * x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <functional>
#include <vector>

namespace {

int bad = 0;

void check(const char* what, std::vector<double>& p, const std::vector<double>& grad, const std::function<double()>& f) {
  bad |= !reportGradient(what, p, grad, f);
}

}  // namespace

int main() {
  std::vector<double> x = {0.9, -0.5, 0.7}, dx(3);
  {
    double err = 0, d_err = 1.0;
    residual_pullback(x.data(), &err, dx.data(), &d_err);
    bad |= d_err != 0.0;
    check("residual dx", x, dx, [&] {
      double e;
      residual(x.data(), &e);
      return e;
    });
  }
  {
    std::vector<double> p = {0.4, -1.3}, dp(2);
    double v = scaled_grad(p[0], p[1], &dp[0], &dp[1]);
    bad |= v != scaled(p[0], p[1]);
    check("scaled", p, dp, [&] { return scaled(p[0], p[1]); });
  }
  {
    std::vector<double> a = {0.8}, da(1);
    double out = 0, d_out = 1.0;
    square_pullback(a[0], out, &da[0], &d_out);
    bad |= out != a[0] * a[0] || d_out != 0.0;
    check("square", a, da, [&] {
      double o;
      square(a[0], o);
      return o;
    });
  }
  {
    double a[3] = {0.5, -2.0, 1.5};
    std::vector<double> da(3);
    product3_grad(a, da.data());
    std::vector<double> av(a, a + 3);
    check("product3", av, da, [&] {
      double b[3] = {av[0], av[1], av[2]};
      return product3(b);
    });
  }
  std::fill(dx.begin(), dx.end(), 0.0);
  local_ref_grad(x.data(), dx.data());
  check("local_ref dx", x, dx, [&] { return local_ref(x.data()); });
  for (int m = 0; m < 3; ++m) {
    std::vector<double> seed(3, 0.0), d(3, 0.0), y(3);
    seed[m] = 1.0;
    put_all_pullback(x.data(), y.data(), d.data(), seed.data());
    check("put_all dx", x, d, [&] {
      double yy[3];
      put_all(x.data(), yy);
      return yy[m];
    });
  }
  for (double y0 : {0.4, 2.5}) {
    std::vector<double> p = {1.1, y0}, dp(2);
    double v = member_refs_grad(p[0], p[1], &dp[0], &dp[1]);
    bad |= v != member_refs(p[0], p[1]) || v != 5 * p[0] * p[1] * p[0] * p[0] + p[1] * p[0];
    check("member_refs", p, dp, [&] { return member_refs(p[0], p[1]); });
    std::fill(dp.begin(), dp.end(), 0.0);
    max_ref_grad(p[0], p[1], &dp[0], &dp[1]);
    check("max_ref", p, dp, [&] { return max_ref(p[0], p[1]); });
  }
  {
    std::vector<double> r = {1.3}, dr(1);
    via_address_grad(r[0], dr.data());
    check("via_address", r, dr, [&] { return via_address(r[0]); });
  }
  return bad;
}
#endif
