// A math call the reverse sweep would evaluate again reads the variable that
// already holds its value (cleanup/Reuse.cpp): the pullbacks of sin and cos
// need cos(t) and sin(t), which a rotation computed; sqrt's needs sqrt(q).
// Not when an operand changed in between (the call is evaluated again).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double rotate_grad(
// CHECK: double c = std::cos(t);
// CHECK: double s = std::sin(t);
// CHECK: reverse sweep
// CHECK-NOT: {{^[^/]*std::cos\(}}
// CHECK-NOT: {{^[^/]*std::sin\(}}
// CHECK-NOT: {{^[^/]*std::sqrt\(}}
// CHECK: return rotate;
GRADC_GRAD
double rotate(double t, double x, double y) {
  const double r = std::sqrt(x * x + y * y);
  const double c = std::cos(t);
  const double s = std::sin(t);
  const double u = x * c - y * s;
  const double v = x * s + y * c;
  return u * v + r * u;
}

// t changes after the first call: the reverse sweep of the first sin reads
// the old t (restored), the second's the new one; both evaluated as needed.
// CHECK-LABEL: inline double twice_grad(
// CHECK: reverse sweep
// CHECK: {{^[^/]*std::cos\(t\)}}
GRADC_GRAD
double twice(double t, double x) {
  double a = std::sin(t) * x;
  t = t * 1.5 + x;
  double b = std::sin(t);
  return a * b;
}

// In a loop: each iteration's value, never one from another iteration.
GRADC_GRAD_WRT(w)
double looped(const double* w, const double* th, int n) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const double c = std::cos(w[0] * th[i]);
    const double s = std::sin(w[0] * th[i]);
    total += c * w[1] + s * s * w[2];
  }
  return total;
}

// Under a branch (BA's Rodrigues rotation, small angles taken apart): the
// reverse sweep's `if` repeats the forward sweep's condition, so the values
// its branch computed are there. A flag its own branch flips (flipped) is
// numerically checked below.
// CHECK-LABEL: inline double rodrigues_grad(
// CHECK: reverse sweep
// CHECK-NOT: {{^[^/]*std::(cos|sin|sqrt)\(}}
// CHECK: return rodrigues;
GRADC_GRAD
double rodrigues(double wx, double wy, double x) {
  const double sq = wx * wx + wy * wy;
  double out;
  if (sq > 1e-8) {
    const double theta = std::sqrt(sq);
    const double c = std::cos(theta), s = std::sin(theta);
    out = x * c + wy * s / theta + wx * (1.0 - c);
  } else {
    out = x + wy - 0.5 * wx * sq;
  }
  return out * out;
}

GRADC_GRAD
double flipped(double t, double x) {
  bool small = t < 0.5;
  double s = 0.0;
  if (small) {
    s = std::sin(t);
    small = x > 0.0;
  }
  double r = s * x;
  if (small) r += std::sin(t) * std::sin(t) * x;
  return r;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  {
    double p[3] = {0.7, 1.3, -0.4}, g[3] = {};
    rotate_grad(p[0], p[1], p[2], &g[0], &g[1], &g[2]);
    // Hand-written: u = x c - y s, v = x s + y c, f = u v + r u.
    const double t = p[0], x = p[1], y = p[2], c = std::cos(t), s = std::sin(t), r = std::sqrt(x * x + y * y);
    const double u = x * c - y * s, v = x * s + y * c;
    const double du = v + r, dv = u, dr = u;
    const double hand[3] = {du * (-x * s - y * c) + dv * (x * c - y * s), du * c + dv * s + dr * x / r,
                            -du * s + dv * c + dr * y / r};
    for (int i = 0; i < 3; ++i) worst = std::fmax(worst, std::fabs(g[i] - hand[i]) / (1 + std::fabs(hand[i])));
    worst = std::fmax(worst, worstRelativeError(p, g, 3, [&] { return rotate(p[0], p[1], p[2]); }));
  }
  {
    double p[2] = {0.4, -0.9}, g[2] = {};
    twice_grad(p[0], p[1], &g[0], &g[1]);
    worst = std::fmax(worst, worstRelativeError(p, g, 2, [&] { return twice(p[0], p[1]); }));
  }
  {
    double w[3] = {0.8, 1.1, -0.6}, g[3] = {}, th[5] = {0.1, 0.9, -1.3, 2.2, 0.4};
    looped_grad(w, th, 5, g);
    worst = std::fmax(worst, worstRelativeError(w, g, 3, [&] { return looped(w, th, 5); }));
  }
  for (double sq : {0.49, 1e-10}) {
    double p[3] = {0.6 * std::sqrt(sq), 0.8 * std::sqrt(sq), 1.7}, g[3] = {};
    rodrigues_grad(p[0], p[1], p[2], &g[0], &g[1], &g[2]);
    worst = std::fmax(worst, worstRelativeError(p, g, 3, [&] { return rodrigues(p[0], p[1], p[2]); }));
  }
  for (double x : {0.8, -0.3}) {
    double p[2] = {0.3, x}, g[2] = {};
    flipped_grad(p[0], p[1], &g[0], &g[1]);
    worst = std::fmax(worst, worstRelativeError(p, g, 2, [&] { return flipped(p[0], p[1]); }));
  }
  std::printf("largest relative error (central differences, hand-written): %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
