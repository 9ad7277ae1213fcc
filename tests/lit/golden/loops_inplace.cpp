// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// An element overwritten in place: the forward loop tapes the old element
// before the write; the reverse iteration first puts it back (so `a[i]` is
// recomputed from the value the forward sweep read), and undoing the write
// restores it for the loops before. Nothing is replayed that nobody reads.
GRADC_GRAD
double scale_in_place(const double* x, double c) {
  double a[4];
  for (int i = 0; i < 4; ++i) a[i] = x[i];
  for (int i = 0; i < 4; ++i) a[i] *= std::sin(c * a[i]);
  double s = 0.0;
  for (int i = 0; i < 4; ++i) s += a[i] * a[i];
  return s;
}

// CHECK-LABEL: inline double scale_in_place_grad(const double* x, double c, double* GRADC_RESTRICT d_x, double* d_c) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_x, sizeof(double)}, {x, sizeof(double)}, {d_c, sizeof(double)}}, 1, "scale_in_place_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 15: for (int i = 0; i < 4; ++i)
// CHECK-NEXT: double a[4];
// CHECK-NEXT: for (int i = 0; i < 4; ++i) {
// CHECK-NEXT: // line 15: a[i] = x[i]
// CHECK-NEXT: a[i] = x[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 16: for (int i = 0; i < 4; ++i)
// CHECK-NEXT: double t_kept[4];
// CHECK-NEXT: double a_tape[4];
// CHECK-NEXT: for (int i = 0; i < 4; ++i) {
// CHECK-NEXT: // line 16: a[i] *= std::sin(c * a[i])
// CHECK-NEXT: double t0 = std::sin(c * a[i]);
// CHECK-NEXT: t_kept[i] = t0;
// CHECK-NEXT: a_tape[i] = a[i];
// CHECK-NEXT: a[i] = a[i] * t0;
// CHECK-NEXT: }
// CHECK-NEXT: // line 17: double s = 0.0;
// CHECK-NEXT: double s = 0.0;
// CHECK-NEXT: // line 18: for (int i = 0; i < 4; ++i)
// CHECK-NEXT: for (int i = 0; i < 4; ++i) {
// CHECK-NEXT: // line 18: s += a[i] * a[i]
// CHECK-NEXT: s = s + a[i] * a[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 19: return s
// CHECK-NEXT: double scale_in_place = s;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 18: for (int i = 0; i < 4; ++i)
// CHECK-NEXT: double d_a[4];
// CHECK-NEXT: for (int i = 0; i < 4; ++i) {
// CHECK-NEXT: // line 18: s += a[i] * a[i]
// CHECK-NEXT: d_a[i] = 2.0 * a[i];
// CHECK-NEXT: }
// CHECK-NEXT: // line 16: for (int i = 0; i < 4; ++i)
// CHECK-NEXT: double d_c_1 = 0.0;
// CHECK-NEXT: for (int i = 3; i >= 0; --i) {
// CHECK-NEXT: // line 16: a[i] *= std::sin(c * a[i])
// CHECK-NEXT: a[i] = a_tape[i];
// CHECK-NEXT: double t0 = a[i];
// CHECK-NEXT: double d_t1 = d_a[i];
// CHECK-NEXT: d_a[i] = 0.0;
// CHECK-NEXT: d_a[i] += d_t1 * t_kept[i];
// CHECK-NEXT: double d_t2 = d_t1 * a[i] * std::cos(c * t0);
// CHECK-NEXT: d_c_1 += d_t2 * t0;
// CHECK-NEXT: d_a[i] += d_t2 * c;
// CHECK-NEXT: }
// CHECK-NEXT: // line 15: for (int i = 0; i < 4; ++i)
// CHECK-NEXT: for (int i = 0; i < 4; ++i) {
// CHECK-NEXT: // line 15: a[i] = x[i]
// CHECK-NEXT: d_x[i] += d_a[i];
// CHECK-NEXT: }
// CHECK-NEXT: *d_c += d_c_1;
// CHECK-NEXT: return scale_in_place;
// CHECK-NEXT: }
