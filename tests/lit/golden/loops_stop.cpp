// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// A while loop runs as a counted loop of GRADC_MAX_TRIPS trips guarded by a
// flag; the carried state and the flag are taped per trip, and a run that
// needs more trips returns NaN before any adjoint is written.
GRADC_GRAD
double newton_sqrt(double a) {
  double x = a;
  double dx = 1.0;
  while (std::fabs(dx) > 1e-12) {
    GRADC_MAX_TRIPS(60);
    dx = (x * x - a) / (2.0 * x);
    x = x - dx;
  }
  return x;
}

// `break` clears the flag; the rest of the trip moves into the other branch.
GRADC_GRAD_WRT(w)
double sum_until_negative(const double* w) {
  double acc = 0.0;
  for (int i = 0; i < 8; ++i) {
    if (w[i] < 0.0) break;
    acc += std::exp(w[i]);
  }
  return acc;
}

// CHECK-LABEL: inline double newton_sqrt_grad(double a, double* d_a) {
// CHECK-NEXT: // line 13: double x = a;
// CHECK-NEXT: double x = a;
// CHECK-NEXT: // line 14: double dx = 1.0;
// CHECK-NEXT: double dx = 1.0;
// CHECK-NEXT: // line 15: while (std::fabs(dx) > 1e-12)
// CHECK-NEXT: bool running = true;
// CHECK-NEXT: double x_tape[60];
// CHECK-NEXT: double dx_tape[60];
// CHECK-NEXT: bool running_tape[60];
// CHECK-NEXT: for (int trip0 = 0; trip0 < 60; ++trip0) {
// CHECK-NEXT: running_tape[trip0] = running;
// CHECK-NEXT: dx_tape[trip0] = dx;
// CHECK-NEXT: x_tape[trip0] = x;
// CHECK-NEXT: bool cond0 = running && std::fabs(dx) > 1e-12;
// CHECK-NEXT: running = cond0;
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: // line 17: dx = (x * x - a) / (2.0 * x)
// CHECK-NEXT: dx = (x * x - a) / (2.0 * x);
// CHECK-NEXT: // line 18: x = x - dx
// CHECK-NEXT: x = x - dx;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // line 15: while (std::fabs(dx) > 1e-12) ran more than 60 trips (GRADC_MAX_TRIPS)
// CHECK-NEXT: if (running && std::fabs(dx) > 1e-12) {
// CHECK-NEXT: return std::numeric_limits<double>::quiet_NaN();
// CHECK-NEXT: }
// CHECK-NEXT: // line 20: return x
// CHECK-NEXT: double newton_sqrt = x;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 20: return x
// CHECK-NEXT: double d_x = 1.0;
// CHECK-NEXT: // line 15: while (std::fabs(dx) > 1e-12)
// CHECK-NEXT: double d_dx = 0.0;
// CHECK-NEXT: double d_a_1 = 0.0;
// CHECK-NEXT: for (int trip0 = 59; trip0 >= 0; --trip0) {
// CHECK-NEXT: running = running_tape[trip0];
// CHECK-NEXT: dx = dx_tape[trip0];
// CHECK-NEXT: x = x_tape[trip0];
// CHECK-NEXT: bool cond0 = running && std::fabs(dx) > 1e-12;
// CHECK-NEXT: double t0 = 0.0;
// CHECK-NEXT: double t1 = 0.0;
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: // line 17: dx = (x * x - a) / (2.0 * x)
// CHECK-NEXT: t1 = 2.0 * x;
// CHECK-NEXT: t0 = (x * x - a) / t1;
// CHECK-NEXT: }
// CHECK-NEXT: // line 15: while (std::fabs(dx) > 1e-12)
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: // line 18: x = x - dx
// CHECK-NEXT: d_dx -= d_x;
// CHECK-NEXT: // line 17: dx = (x * x - a) / (2.0 * x)
// CHECK-NEXT: double d_t2 = d_dx;
// CHECK-NEXT: d_dx = 0.0;
// CHECK-NEXT: double d_t3 = d_t2 / t1;
// CHECK-NEXT: d_x -= d_t2 * t0 / t1 * 2.0;
// CHECK-NEXT: d_a_1 -= d_t3;
// CHECK-NEXT: d_x += d_t3 * (2.0 * x);
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // line 13: double x = a;
// CHECK-NEXT: d_a_1 += d_x;
// CHECK-NEXT: *d_a += d_a_1;
// CHECK-NEXT: return newton_sqrt;
// CHECK-NEXT: }
// CHECK-LABEL: inline double sum_until_negative_grad(const double* w, double* GRADC_RESTRICT d_w) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_w, sizeof(double)}, {w, sizeof(double)}}, 1, "sum_until_negative_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 26: double acc = 0.0;
// CHECK-NEXT: double acc = 0.0;
// CHECK-NEXT: // line 27: for (int i = 0; i < 8; ++i)
// CHECK-NEXT: bool running = true;
// CHECK-NEXT: for (int i = 0; i < 8; ++i) {
// CHECK-NEXT: bool cond0 = running;
// CHECK-NEXT: double t0 = 0.0;
// CHECK-NEXT: bool cond1 = false;
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: // line 28: if (w[i] < 0.0)
// CHECK-NEXT: cond1 = w[i] < 0.0;
// CHECK-NEXT: if (cond1) {
// CHECK-NEXT: // line 28: break
// CHECK-NEXT: running = false;
// CHECK-NEXT: } else {
// CHECK-NEXT: // line 29: acc += std::exp(w[i])
// CHECK-NEXT: t0 = std::exp(w[i]);
// CHECK-NEXT: acc = acc + t0;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep of this iteration
// CHECK-NEXT: // line 27: for (int i = 0; i < 8; ++i)
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: // line 28: if (w[i] < 0.0)
// CHECK-NEXT: if (!cond1) {
// CHECK-NEXT: // line 29: acc += std::exp(w[i])
// CHECK-NEXT: d_w[i] += t0;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // line 31: return acc
// CHECK-NEXT: double sum_until_negative = acc;
// CHECK-NEXT: return sum_until_negative;
// CHECK-NEXT: }
