// Member functions as the differentiated function (issue 23, item 11): a
// marked S::f gives S_f_grad / S_f_pullback in S's namespace, the object
// first as `const S& self`, its members' adjoints in `S* d_self` (DESIGN.md:
// member functions). Checked against a hand-written gradient and central
// differences, d_self included: a const member, a non-const one that only
// reads, operator() (S_call_grad), a member calling another member on *this,
// GRADC_GRAD_WRT(this, x), a static member defined outside its class, and a
// float one. The structs are defined here: the header comes after them.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK: // Include this header after the definitions of model::Quad (member_functions.cpp:[[#@LINE+4]]), model::Lens (member_functions.cpp:[[#@LINE+22]]),
// CHECK: static_assert(sizeof(model::Quad) == 32 && alignof(model::Quad) == 8,
namespace model {

struct Quad {
  double a, b;
  double c[2];
  // CHECK: inline double Quad_eval_grad(const model::Quad& self, double x, double y, model::Quad* GRADC_RESTRICT d_self, double* d_x, double* d_y)
  GRADC_GRAD double eval(double x, double y) const { return a * x * x + b * std::sin(y) + c[0] * x * y + this->c[1]; }
  // CHECK: inline double Quad_call_grad(const model::Quad& self, double x, model::Quad* GRADC_RESTRICT d_self, double* d_x)
  GRADC_GRAD double operator()(double x) const { return a * std::exp(b * x); }
  double inner(double v) const { return a * v * v + b; }
  // CHECK: inline double Quad_outer_grad(const model::Quad& self, double x, double k, model::Quad* GRADC_RESTRICT d_self, double* d_x)
  GRADC_GRAD_WRT(this, x) double outer(double x, double k) const { return inner(x) * inner(k * x); }
  // CHECK: inline double Quad_scaled_grad(const model::Quad& self, double x, double* d_x)
  GRADC_GRAD_WRT(x) double scaled(double x) { return (*this).a * x * x; }
  // CHECK: inline double Quad_sq_grad(double x, double y, double* d_x, double* d_y)
  GRADC_GRAD static double sq(double x, double y);
};

double Quad::sq(double x, double y) { return x * x * y; }

struct Lens {
  float f;
  // CHECK: inline float Lens_power_grad(const model::Lens& self, float d, model::Lens* GRADC_RESTRICT d_self, float* d_d)
  GRADC_GRAD float power(float d) const { return f * f / (d + f); }
};

}  // namespace model

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

namespace {

double worst = 0.0, worstFloat = 0.0;

// Compares one partial with the hand-written value and central differences of phi.
template <class Phi>
void check(const char* what, double got, double byHand, double at, Phi phi, bool isFloat = false) {
  const double h = isFloat ? 1e-3 : 1e-6;
  double fd = (phi(at + h) - phi(at - h)) / (2 * h);
  double err = std::fmax(std::fabs(got - byHand), std::fabs(got - fd)) / std::fmax(1.0, std::fabs(byHand));
  std::printf("%-14s %12.8f hand %12.8f fd %12.8f\n", what, got, byHand, fd);
  (isFloat ? worstFloat : worst) = std::fmax(isFloat ? worstFloat : worst, err);
}

}  // namespace

int main() {
  using model::Quad;
  const Quad q{0.7, -1.3, {0.4, 2.1}};
  const double x = 0.9, y = 0.35, k = 1.7;
  {
    Quad d{};
    double d_x = 0, d_y = 0;
    double v = model::Quad_eval_grad(q, x, y, &d, &d_x, &d_y);
    if (v != q.eval(x, y)) return 1;
    auto with = [&](double Quad::*m) { return [&q, m, x, y](double t) { Quad p = q; p.*m = t; return p.eval(x, y); }; };
    auto withC = [&](int i) { return [&q, i, x, y](double t) { Quad p = q; p.c[i] = t; return p.eval(x, y); }; };
    check("eval d_x", d_x, 2 * q.a * x + q.c[0] * y, x, [&](double t) { return q.eval(t, y); });
    check("eval d_y", d_y, q.b * std::cos(y) + q.c[0] * x, y, [&](double t) { return q.eval(x, t); });
    check("eval d_self.a", d.a, x * x, q.a, with(&Quad::a));
    check("eval d_self.b", d.b, std::sin(y), q.b, with(&Quad::b));
    check("eval d_self.c0", d.c[0], x * y, q.c[0], withC(0));
    check("eval d_self.c1", d.c[1], 1.0, q.c[1], withC(1));
  }
  {
    Quad d{};
    double d_x = 0;
    double v = model::Quad_call_grad(q, x, &d, &d_x);
    if (v != q(x)) return 1;
    const double e = std::exp(q.b * x);
    check("call d_x", d_x, q.a * q.b * e, x, [&](double t) { return q(t); });
    check("call d_self.a", d.a, e, q.a, [&](double t) { Quad p = q; p.a = t; return p(x); });
    check("call d_self.b", d.b, q.a * x * e, q.b, [&](double t) { Quad p = q; p.b = t; return p(x); });
    if (d.c[0] != 0 || d.c[1] != 0) return 1;
  }
  {
    Quad d{};
    double d_x = 0;
    double v = model::Quad_outer_grad(q, x, k, &d, &d_x);
    if (v != q.outer(x, k)) return 1;
    const double i1 = q.inner(x), i2 = q.inner(k * x);
    check("outer d_x", d_x, 2 * q.a * x * i2 + i1 * 2 * q.a * k * k * x, x, [&](double t) { return q.outer(t, k); });
    check("outer d_self.a", d.a, x * x * i2 + i1 * k * k * x * x, q.a,
          [&](double t) { Quad p = q; p.a = t; return p.outer(x, k); });
    check("outer d_self.b", d.b, i1 + i2, q.b, [&](double t) { Quad p = q; p.b = t; return p.outer(x, k); });
  }
  {
    Quad p = q;  // (scaled is not const: called on a copy)
    double d_x = 0;
    double v = model::Quad_scaled_grad(q, x, &d_x);
    if (v != p.scaled(x)) return 1;
    check("scaled d_x", d_x, 2 * q.a * x, x, [&](double t) { return p.scaled(t); });
  }
  {
    double d_x = 0, d_y = 0;
    double v = model::Quad_sq_grad(x, y, &d_x, &d_y);
    if (v != Quad::sq(x, y)) return 1;
    check("sq d_x", d_x, 2 * x * y, x, [&](double t) { return Quad::sq(t, y); });
    check("sq d_y", d_y, x * x, y, [&](double t) { return Quad::sq(x, t); });
  }
  {
    const model::Lens lens{1.6f};
    model::Lens d{};
    float d_d = 0;
    const float at = 0.8f;
    float v = model::Lens_power_grad(lens, at, &d, &d_d);
    if (v != lens.power(at)) return 1;
    const double f = lens.f, s = at + f;
    check("power d_d", d_d, -f * f / (s * s), at, [&](double t) { return double(lens.power(float(t))); }, true);
    check("power d_self.f", d.f, (2 * f * s - f * f) / (s * s), f,
          [&](double t) { model::Lens p{float(t)}; return double(p.power(at)); }, true);
  }
  std::printf("worst relative error: double %.1e, float %.1e\n", worst, worstFloat);
  return !(worst < 1e-7) || !(worstFloat < 2e-3);
}
#endif
