// sqrt(a * a + b * b) written inline is the idiom gradc::norm2: generated
// code calls it (same value, operation for operation) and pulls it back as
// d_a += (d_y / y) a, one division for both components, where sqrt's and
// the squares' rules make d_y * 0.5 / y, then 2a and 2b. Other shapes keep
// their rules.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double distance_grad(
// CHECK: double distance = gradc::norm2(t0, t1);
// CHECK: double scale0 = 1.0 / distance;
// CHECK: return distance;
GRADC_GRAD
double distance(double x0, double y0, double x1, double y1) {
  return std::sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
}

// float, C spelling
// CHECK-LABEL: inline float length_f_grad(
// CHECK: float length_f = gradc::norm2(x, y);
// CHECK: float scale0 = 1.0f / length_f;
GRADC_GRAD
float length_f(float x, float y) { return sqrtf(x * x + y * y); }

// Three components, or a product that is not a square: no idiom.
// CHECK-LABEL: inline double length3_grad(
// CHECK-NOT: norm2
// CHECK: return length3;
GRADC_GRAD
double length3(double x, double y, double z) { return std::sqrt(x * x + y * y + z * z); }

// CHECK-LABEL: inline double skew_grad(
// CHECK-NOT: norm2
// CHECK: return skew;
GRADC_GRAD
double skew(double x, double y, double z) { return std::sqrt(x * x + y * z); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  {
    double p[4] = {0.3, -1.2, 2.1, 0.4}, g[4] = {};
    distance_grad(p[0], p[1], p[2], p[3], &g[0], &g[1], &g[2], &g[3]);
    worst = std::fmax(worst, worstRelativeError(p, g, 4, [&] { return distance(p[0], p[1], p[2], p[3]); }));
  }
  // The float gradient against the exact one, x / |(x, y)|, to float precision.
  float x = 1.5f, y = -0.8f, dx = 0, dy = 0;
  length_f_grad(x, y, &dx, &dy);
  const double r = std::hypot(double(x), double(y));
  const double float_error = std::fmax(std::fabs(dx - x / r), std::fabs(dy - y / r));
  {
    double p[3] = {0.7, -0.2, 1.1}, g[3] = {};
    length3_grad(p[0], p[1], p[2], &g[0], &g[1], &g[2]);
    worst = std::fmax(worst, worstRelativeError(p, g, 3, [&] { return length3(p[0], p[1], p[2]); }));
    double q[3] = {0.7, 0.5, 1.1}, h[3] = {};
    skew_grad(q[0], q[1], q[2], &h[0], &h[1], &h[2]);
    worst = std::fmax(worst, worstRelativeError(q, h, 3, [&] { return skew(q[0], q[1], q[2]); }));
  }
  std::printf("largest relative error vs central differences: %.2e (float: %.2e)\n", worst, float_error);
  return worst < 1e-8 && float_error < 1e-6 ? 0 : 1;
}
#endif
