// Classes with simple constructors (an empty body, member initializers that
// use its parameters): `T v(a, b)`, `T v{a, b}`, `T(a, b)` passed to a
// helper and `return T(...)` are lowered as braces over the members, with
// default member initializers for the members the constructor leaves.
// std::pair (an empty base class) as a local, from std::make_pair and as a
// parameter. Constructors doing more stay rejected: diagnostics/constructors.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>
#include <utility>

struct Complex {
  double re, im;
  Complex(double r, double i) : re(r), im(i) {}
  Complex operator*(const Complex& o) const { return Complex(re * o.re - im * o.im, re * o.im + im * o.re); }
  double norm2() const { return re * re + im * im; }
};

// The arguments go to locals the constructor's parameters name, then the
// members get their initializers; `return Complex(...)` of operator* fills w.
// CHECK-LABEL: void class_with_ctor_pullback(double x, double y, double d_ret, double* d_x, double* d_y) {
// CHECK: double r = x;
// CHECK-NEXT: double i = y;
// CHECK-NEXT: double z_re = r;
// CHECK-NEXT: double z_im = i;
// CHECK: double w_re = r_1;
// CHECK-NEXT: double w_im = i_1;
// CHECK-LABEL: double class_with_ctor_grad(double x, double y, double* d_x, double* d_y) {
GRADC_GRAD
double class_with_ctor(double x, double y) {
  Complex z(x, y);
  Complex w = z * z;
  return w.norm2() + w.re;
}

class Rect {
 public:
  Rect(double w, double h) : w_(w), h_(h) {}
  double area() const { return w_ * h_; }
  double perimeter() const { return 2 * (w_ + h_); }

 private:
  double w_, h_;
};

GRADC_GRAD
double class_private_members(double w, double h) {
  Rect r(w, h);
  return r.area() / r.perimeter();
}

// Braces calling the constructor, a member the constructor leaves to its
// default initializer, an initializer reading an earlier member, a struct
// parameter, a temporary passed by const reference.
struct Scaled {
  double v;
  double k = 2.5;
  double sq;
  explicit Scaled(double a) : v(a), sq(v * v) {}
};
struct Segment {
  Complex from;
  double t;
  Segment(const Complex& p, double len) : from(p), t(len) {}
};
double dot(const Complex& a, const Complex& b) { return a.re * b.re + a.im * b.im; }

GRADC_GRAD
double ctor_forms(double x, double y) {
  Complex c{x, 3.0};
  Scaled s(y);
  Segment g(c, x * y);
  return dot(Complex(y, x), c) + s.k * s.sq + g.from.im * g.t;
}

GRADC_GRAD
double std_pair_local(double x, double y) {
  std::pair<double, double> p(x, y);
  p.first *= p.second;
  std::pair<double, double> q{p.second, x};
  return p.first + p.second * p.second + q.first * q.second;
}

GRADC_GRAD
double std_pair_make(double x, double y) {
  auto p = std::make_pair(x * y, x + y);
  return p.first * p.second;
}

// CHECK-LABEL: double std_pair_param_grad(const std::pair<double, double>& p, std::pair<double, double>* GRADC_RESTRICT d_p) {
GRADC_GRAD
double std_pair_param(const std::pair<double, double>& p) { return p.first * p.first * p.second; }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  auto check2 = [&](const char* name, double (*f)(double, double), double (*g)(double, double, double*, double*),
                    double hx, double hy) {
    std::vector<double> p = {0.7, -1.3}, d(2, 0.0);
    ok &= g(p[0], p[1], &d[0], &d[1]) == f(p[0], p[1]);
    ok &= reportGradient(name, p, d, [&] { return f(p[0], p[1]); });
    if (!std::isnan(hx)) {
      double err = std::fmax(std::fabs(d[0] - hx), std::fabs(d[1] - hy));
      std::printf("%s vs hand-written %.1e\n", name, err);
      ok &= err < 1e-13;
    }
  };
  const double x = 0.7, y = -1.3, r2 = x * x + y * y;
  // |z^2|^2 + Re z^2 = (x^2 + y^2)^2 + x^2 - y^2
  check2("class_with_ctor", class_with_ctor, class_with_ctor_grad, 4 * x * r2 + 2 * x, 4 * y * r2 - 2 * y);
  // w h / (2 (w + h))
  const double s = 2 * (x + y);
  check2("class_private", class_private_members, class_private_members_grad, (y * s - 2 * x * y) / (s * s),
         (x * s - 2 * x * y) / (s * s));
  // y x + 3 x (dot) + 2.5 y^2 + 3 x y
  check2("ctor_forms", ctor_forms, ctor_forms_grad, 4 * y + 3, 4 * x + 5 * y);
  // p = (x y, y), q = (y, x): x y + y^2 + x y
  check2("std_pair_local", std_pair_local, std_pair_local_grad, 2 * y, 2 * x + 2 * y);
  // x y (x + y)
  check2("std_pair_make", std_pair_make, std_pair_make_grad, 2 * x * y + y * y, x * x + 2 * x * y);

  std::pair<double, double> p{0.5, 1.5}, d_p{0.0, 0.0};
  ok &= std_pair_param_grad(p, &d_p) == std_pair_param(p);
  double err = std::fmax(std::fabs(d_p.first - 2 * p.first * p.second), std::fabs(d_p.second - p.first * p.first));
  std::printf("std_pair_param vs hand-written %.1e\n", err);
  ok &= err < 1e-15;
  return ok ? 0 : 1;
}
#endif
