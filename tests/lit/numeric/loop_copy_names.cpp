// A loop the reverse sweep writes twice over one iteration (the loop putting
// the overwritten elements back, then the loop recomputing them) declares
// its own counter in each copy: names in the copies never meet the counter's.
// An inlined helper's parameter `t` in `for (int t ...)` is `t_1` in every
// copy (it was `double t` in the second: a redeclaration).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

static double helper(double t, double w) {
  double i = std::sin(t * w);
  return i * t;
}

// Helper locals named like the caller's counters and like gradc's own names.
static inline double probe(double t, double i) {
  double d_t = t * i;
  double t0 = std::cos(d_t);
  double t_tape = t0 * t0 + i;
  return t_tape * t;
}

// (The helper's sin is kept per iteration: the outer reverse iteration no
// longer runs the inner loop forwards just to store it again.)
// CHECK-LABEL: inline double one_call_grad(
// CHECK: // reverse sweep
// CHECK: for (int t = 3; t >= 0; --t) {
// CHECK-NEXT: // line [[#]]: h[t] -= 0.25 * helper(h[t] + x[i], w)
// CHECK-NEXT: h[t] = h_tape[i * 4 + t];
// CHECK-NEXT: }
// CHECK-NEXT: // line [[#]]: for (int t = 0; t < 4; ++t)
// CHECK-NEXT: for (int t = 3; t >= 0; --t) {
// CHECK-NEXT: // line [[#]]: h[t] -= 0.25 * helper(h[t] + x[i], w)
// CHECK-NEXT: h[t] = h_tape[i * 4 + t];
// CHECK-NEXT: double t_1 = h[t] + x[i];
// CHECK-NOT: {{^ *double t = }}
// CHECK: return one_call;
GRADC_GRAD
double one_call(const double* x, double w) {
  double h[4];
  for (int k = 0; k < 4; ++k) h[k] = x[k];
  for (int i = 0; i < 3; ++i) {
    for (int t = 0; t < 4; ++t) {
      h[t] -= 0.25 * helper(h[t] + x[i], w);
    }
  }
  double s = 0.0;
  for (int k = 0; k < 4; ++k) s += h[k] * h[k];
  return s;
}

// Two calls, two helpers, loops nested three deep.
// CHECK-LABEL: inline double nested_calls_grad(
// CHECK-NOT: {{^ *double t = }}
// CHECK-NOT: {{^ *double i = }}
// CHECK: return nested_calls;
GRADC_GRAD
double nested_calls(const double* x, double w) {
  double h[4];
  for (int k = 0; k < 4; ++k) h[k] = x[k];
  for (int d = 0; d < 2; ++d) {
    for (int i = 0; i < 2; ++i) {
      for (int t = 0; t < 4; ++t) {
        h[t] -= 0.125 * helper(h[t] + x[i], w) + 0.125 * probe(h[t], w * i);
      }
    }
  }
  double s = 0.0;
  for (int k = 0; k < 4; ++k) s += h[k] * h[k];
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  {
    double x[4] = {0.3, -0.6, 0.9, 0.2}, w = 0.7, dx[4] = {}, dw = 0;
    one_call_grad(x, w, dx, &dw);
    worst = std::fmax(worst, worstRelativeError(x, dx, 4, [&] { return one_call(x, w); }));
    worst = std::fmax(worst, worstRelativeError(&w, &dw, 1, [&] { return one_call(x, w); }));
  }
  {
    double x[4] = {0.3, -0.6, 0.9, 0.2}, w = 0.7, dx[4] = {}, dw = 0;
    nested_calls_grad(x, w, dx, &dw);
    worst = std::fmax(worst, worstRelativeError(x, dx, 4, [&] { return nested_calls(x, w); }));
    worst = std::fmax(worst, worstRelativeError(&w, &dw, 1, [&] { return nested_calls(x, w); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
