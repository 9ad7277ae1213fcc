// Members of a struct parameter the function writes (`out->x = e;` through
// `S* out` or `S& out`, not const) are outputs of one element each, like a
// `double& y` parameter: their adjoints, members of `S* d_out`, are seeds
// read then zeroed, whether or not the struct is in the WRT list (peer
// enzyme_memory.sret_out). A member read and written is an in-out value,
// rejected: diagnostics/output_members.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

struct Vec2 {
  double x, y;
};
struct Pose {
  Vec2 pos;
  double angle;
  int steps;
};

// CHECK: reads the seeds d_out->x, d_out->y, then zeroes them.
// CHECK-NEXT: void sret_out_pullback(double x, double y, Vec2* out, double* d_x, double* d_y, Vec2* GRADC_RESTRICT d_out) {
// CHECK: double& out_x = out->x;
// CHECK: double* d_out_x = &d_out->x;
// CHECK: double d_t0 = d_out_y[0];
// CHECK-NEXT: d_out_y[0] = 0.0;
GRADC_GRAD_WRT(x, y, out)
void sret_out(double x, double y, Vec2* out) {
  out->x = x * y;
  out->y = x / y;
}

// By reference, nested members, an integer member, and a returned value.
// CHECK: integrate_grad (values_output_members.cpp:{{[0-9]+}}): returns integrate and adds its gradient to *d_v, *d_w
// CHECK-NEXT: reads the seeds d_pose->pos.x, d_pose->pos.y, d_pose->angle, then zeroes them.
// CHECK-NEXT: double integrate_grad(double v, double w, Pose& pose, double* d_v, double* d_w, Pose* GRADC_RESTRICT d_pose) {
GRADC_GRAD_WRT(v, w)
double integrate(double v, double w, Pose& pose) {
  pose.pos.x = v * std::cos(w);
  pose.pos.y = v * std::sin(w);
  pose.angle = w * 2;
  pose.steps = 3;
  return v * w;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  const double a = 0.3, b = -1.7;  // seeds of out->x, out->y
  double x = 1.5, y = 0.5, dx = 0, dy = 0;
  Vec2 out{}, d_out{a, b};
  sret_out_pullback(x, y, &out, &dx, &dy, &d_out);
  // a x y + b x / y
  double err = std::fmax(std::fabs(dx - (a * y + b / y)), std::fabs(dy - (a * x - b * x / (y * y))));
  std::printf("sret_out vs hand-written %.1e\n", err);
  ok &= err < 1e-15 && d_out.x == 0 && d_out.y == 0 && out.x == x * y && out.y == x / y;
  std::vector<double> p = {x, y}, d = {dx, dy};
  ok &= reportGradient("sret_out", p, d, [&] {
    Vec2 o;
    sret_out(p[0], p[1], &o);
    return a * o.x + b * o.y;
  });

  // Seeds c for pos.x, pos.y, angle; the returned value's seed 1 (f_grad).
  const double c[3] = {0.7, -0.4, 1.3};
  double v = 0.8, w = 0.6, dv = 0, dw = 0;
  Pose pose{}, d_pose{{c[0], c[1]}, c[2], 0};
  ok &= integrate_grad(v, w, pose, &dv, &dw, &d_pose) == v * w;
  double hv = w + c[0] * std::cos(w) + c[1] * std::sin(w);
  double hw = v - c[0] * v * std::sin(w) + c[1] * v * std::cos(w) + 2 * c[2];
  err = std::fmax(std::fabs(dv - hv), std::fabs(dw - hw));
  std::printf("integrate vs hand-written %.1e\n", err);
  ok &= err < 1e-15 && d_pose.pos.x == 0 && d_pose.pos.y == 0 && d_pose.angle == 0 && pose.steps == 3;
  std::vector<double> q = {v, w}, dq = {dv, dw};
  ok &= reportGradient("integrate", q, dq, [&] {
    Pose o{};
    double r = integrate(q[0], q[1], o);
    return r + c[0] * o.pos.x + c[1] * o.pos.y + c[2] * o.angle;
  });
  return ok ? 0 : 1;
}
#endif
