// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Early return and ?: become structured if/else; only the taken side is differentiated.
GRADC_GRAD
double relu_sqrt(double x, double y) {
  if (x < 0.0) return 0.0;
  double s = y > 0.0 ? std::sqrt(y) : y;
  return x * s;
}

// CHECK-LABEL: inline double relu_sqrt_grad(double x, double y, double* d_x, double* d_y) {
// CHECK-NEXT: // line 11: if (x < 0.0)
// CHECK-NEXT: bool cond0 = x < 0.0;
// CHECK-NEXT: double sel0 = 0.0;
// CHECK-NEXT: bool t0 = false;
// CHECK-NEXT: double s = 0.0;
// CHECK-NEXT: double relu_sqrt = 0.0;
// CHECK-NEXT: if (cond0) {
// CHECK-NEXT: // line 11: return 0.0
// CHECK-NEXT: relu_sqrt = 0.0;
// CHECK-NEXT: } else {
// CHECK-NEXT: // line 12: double s = y > 0.0 ? std::sqrt(y) : y;
// CHECK-NEXT: t0 = y > 0.0;
// CHECK-NEXT: if (t0) {
// CHECK-NEXT: sel0 = std::sqrt(y);
// CHECK-NEXT: } else {
// CHECK-NEXT: sel0 = y;
// CHECK-NEXT: }
// CHECK-NEXT: s = sel0;
// CHECK-NEXT: // line 13: return x * s
// CHECK-NEXT: relu_sqrt = x * s;
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 11: if (x < 0.0)
// CHECK-NEXT: if (!cond0) {
// CHECK-NEXT: // line 13: return x * s
// CHECK-NEXT: *d_x += s;
// CHECK-NEXT: // line 12: double s = y > 0.0 ? std::sqrt(y) : y;
// CHECK-NEXT: if (t0) {
// CHECK-NEXT: *d_y += x * 0.5 / sel0;
// CHECK-NEXT: } else {
// CHECK-NEXT: *d_y += x;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return relu_sqrt;
// CHECK-NEXT: }
