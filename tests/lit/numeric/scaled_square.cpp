// c * a * a, which lowering writes t = c * a; u = t * a, is pulled back with
// the rule "c*a*a": one accumulation of 2ca into d_a, where the product rule
// makes two; d_c gets a² when c is differentiated too.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

// CHECK-LABEL: inline double energy_grad(
// CHECK: double t0 = 0.5 * k;
// CHECK-NEXT: double energy = t0 * x * x;
// CHECK: *d_x += 2.0 * (t0 * x);
// CHECK-NEXT: return energy;
GRADC_GRAD_WRT(x)
double energy(double k, double x) { return 0.5 * k * x * x; }

// The constant on the right: t = x * 3.
// CHECK-LABEL: inline double right_grad(
// CHECK: *d_x += 6.0 * x;
GRADC_GRAD_WRT(x)
double right(double x) { return x * 3.0 * x; }

// k is differentiated too: d_k gets 0.5 x² through t0 = 0.5 k.
// CHECK-LABEL: inline double both_grad(
// CHECK: *d_x += 2.0 * (t0 * x);
// CHECK-NEXT: *d_k += x * x * 0.5;
// CHECK: return both;
GRADC_GRAD
double both(double k, double x) { return 0.5 * k * x * x; }

// Two different factors: no square.
// CHECK-LABEL: inline double mixed_grad(
// CHECK-NOT: 2.0 *
// CHECK: return mixed;
GRADC_GRAD_WRT(x, y)
double mixed(double x, double y) { return 0.5 * x * y; }

// In the reverse sweep, constant factors fold when one is a power of two
// (exact scaling): 0.5 * (2.0 * x) is x, 2.0 * (3.0 * x) is 6.0 * x; 0.3 and
// 6.0 stay apart, their product would round differently.
// CHECK-LABEL: inline double half_norm_grad(
// CHECK: *d_y += y;
// CHECK-NEXT: *d_x += x;
// CHECK-LABEL: inline double scaled_grad(
// CHECK: *d_x += 0.3 * (6.0 * x);
GRADC_GRAD
double half_norm(double x, double y) { return 0.5 * (x * x + y * y); }

GRADC_GRAD
double scaled(double x) { return 0.3 * (3.0 * x * x); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double k = 1.7, x = -0.8, y = 1.3;
  double worst = 0;
  {
    double dx = 0;
    energy_grad(k, x, &dx);
    worst = std::fmax(worst, worstRelativeError(&x, &dx, 1, [&] { return energy(k, x); }));
  }
  {
    double dx = 0;
    right_grad(x, &dx);
    worst = std::fmax(worst, worstRelativeError(&x, &dx, 1, [&] { return right(x); }));
  }
  {
    double dk = 0, dx = 0;
    both_grad(k, x, &dk, &dx);
    worst = std::fmax(worst, worstRelativeError(&k, &dk, &x, &dx, 1, [&] { return both(k, x); }));
  }
  {
    double dx = 0, dy = 0;
    mixed_grad(x, y, &dx, &dy);
    worst = std::fmax(worst, worstRelativeError(&x, &dx, &y, &dy, 1, [&] { return mixed(x, y); }));
  }
  {
    double dx = 0, dy = 0;
    half_norm_grad(x, y, &dx, &dy);
    worst = std::fmax(worst, worstRelativeError(&x, &dx, &y, &dy, 1, [&] { return half_norm(x, y); }));
  }
  {
    double dx = 0;
    scaled_grad(x, &dx);
    worst = std::fmax(worst, worstRelativeError(&x, &dx, 1, [&] { return scaled(x); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-8 ? 0 : 1;
}
#endif
