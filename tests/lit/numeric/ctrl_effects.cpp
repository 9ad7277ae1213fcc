// Statements run for their effects (assert, printf, a GRADC_NONDIFF logger
// returning void, `(void)x`) run once, as written, in the forward sweep:
// the reverse sweep, which recomputes the loop's iterations, never replays
// them. With NDEBUG the assert is gone, as in the source.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
// RUN: %gradc %s -o %t.ndebug.hpp -- %flags -I%S -DNDEBUG
// RUN: %FileCheck %s --check-prefix=NDEBUG < %t.ndebug.hpp
// RUN: %run-check %s %t.ndebug.hpp -I%S -DNDEBUG
#include <gradc/gradc.h>

#include <cassert>
#include <cmath>
#include <cstdio>

#include "Inputs/ctrl_note.hpp"

// CHECK-LABEL: inline double f_grad(
// CHECK: assert(n >= 4);
// CHECK: note(i, t);
// CHECK: std::printf("x[%d] = %g\n", i, x[i]);
// CHECK: // reverse sweep
// CHECK-NOT: note(
// CHECK-NOT: printf(
// CHECK-NOT: assert(
// CHECK: return
// NDEBUG-LABEL: inline double f_grad(
// NDEBUG-NOT: assert(
// NDEBUG: note(i, t);
GRADC_GRAD_WRT(x)
double f(const double* x, int n) {
  (void)n;  // (read by the assert alone, which NDEBUG removes)
  assert(n >= 4 && "need points");
  double s = 0;
  for (int i = 0; i < 4; ++i) {
    double t = std::exp(x[i]) * std::sin(x[i] + s);
    note(i, t);
    std::printf("x[%d] = %g\n", i, x[i]);
    (void)t;
    s += t * t;
  }
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER

#include "Inputs/central_difference.hpp"

int main() {
  double x[4] = {0.3, -0.2, 0.5, 0.1}, dx[4] = {};
  g_notes = 0;
  double v = f_grad(x, 4, dx);
  int notes = g_notes;
  g_notes = 0;
  double err = std::fabs(v - f(x, 4));
  err = std::fmax(err, worstRelativeError(x, dx, 4, [&] { return f(x, 4); }));
  std::printf("largest relative error vs central differences: %.2e; note() ran %d times (4 expected)\n", err, notes);
  return err < 1e-7 && notes == 4 ? 0 : 1;
}
#endif
