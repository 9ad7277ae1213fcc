// Local pointers to a scalar or to a struct local, as peer suites write them
// (`double* p = &y; return *p * x;`, `*p = ...; *p += ...`, a pointer to a
// parameter, `Vec2* p = &v; p->x *= y;`): the pointer is another name for
// the variable. (They were rejected: "a local pointer 'p' that does not point
// into an array".)
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

struct Vec2 {
  double x, y;
};

GRADC_GRAD
double pointer_to_local(double x) {
  double y = x * x;
  double* p = &y;
  return *p * x;
}

// CHECK-LABEL: inline double write_through_pointer_grad(
// CHECK: v = x * y;
GRADC_GRAD
double write_through_pointer(double x, double y) {
  double v = 0;
  double* p = &v;
  *p = x * y;
  *p += std::sin(x);
  p[0] *= 2.0;
  return v * y;
}

GRADC_GRAD
double pointer_to_param(double x, double y) {
  double* p = &x;
  *p = *p * y;
  return x + y;
}

GRADC_GRAD
double pointer_to_struct_local(double x, double y) {
  Vec2 v{x, y};
  Vec2* p = &v;
  p->x *= y;
  (*p).y += x;
  return p->x + v.y * v.x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

template <class F, class G>
static bool check(const char* name, F f, G grad, double x, double y, double hx, double hy) {
  double dx = 0, dy = 0;
  const double value = grad(x, y, &dx, &dy);
  std::vector<double> p = {x, y}, g = {dx, dy};
  bool ok = value == f(x, y) && std::fabs(dx - hx) < 1e-12 && std::fabs(dy - hy) < 1e-12;
  std::printf("%-24s vs hand-written %.1e %.1e\n", name, std::fabs(dx - hx), std::fabs(dy - hy));
  return reportGradient(name, p, g, [&] { return f(p[0], p[1]); }, 1e-8) && ok;
}

int main() {
  const double x = 0.7, y = -1.3;
  bool ok = true;
  double d = 0;
  ok &= pointer_to_local_grad(x, &d) == pointer_to_local(x) && std::fabs(d - 3 * x * x) < 1e-15;
  std::vector<double> p1 = {x}, g1 = {d};
  ok &= reportGradient("pointer_to_local", p1, g1, [&] { return pointer_to_local(p1[0]); }, 1e-8);
  // v = 2 (x y + sin x); f = v y
  ok &= check("write_through_pointer", write_through_pointer, write_through_pointer_grad, x, y,
              2 * (y + std::cos(x)) * y, 2 * (x * y + std::sin(x)) + 2 * x * y);
  // f = x y + y
  ok &= check("pointer_to_param", pointer_to_param, pointer_to_param_grad, x, y, y, x + 1);
  // a = x y, b = y + x; f = a + b a = a (1 + b)
  ok &= check("pointer_to_struct_local", pointer_to_struct_local, pointer_to_struct_local_grad, x, y,
              y * (1 + y + x) + x * y, x * (1 + y + x) + x * y);
  return ok ? 0 : 1;
}
#endif
