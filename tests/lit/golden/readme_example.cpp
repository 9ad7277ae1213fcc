#include <gradc/gradc.h>
#include <cmath>

GRADC_GRAD                       // w.r.t. every float/double parameter
double f(double x, double y) {
  double sigy = 1.0 / (1.0 + std::exp(-y));
  double num = x + sigy;
  double sigx = 1.0 / (1.0 + std::exp(-x));
  double xpy = x + y;
  double den = sigx + xpy * xpy;
  return num / den;
}

// The example of README.md ("What it does"), at the same line numbers, so the
// reverse sweep README shows is the one gradc writes: keep the two equal.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

// CHECK-LABEL: inline void f_pullback(double x, double y, double d_ret, double* d_x, double* d_y) {
// CHECK: double f = num / den;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 11: return num / den
// CHECK-NEXT: double d_num = d_ret / den;
// CHECK-NEXT: double d_den = -(d_ret * f / den);
// CHECK-NEXT: // line 10: double den = sigx + xpy * xpy;
// CHECK-NEXT: double d_xpy = d_den * (2.0 * xpy);
// CHECK-NEXT: // line 9: double xpy = x + y;
// CHECK-NEXT: *d_x += d_xpy;
// CHECK-NEXT: *d_y += d_xpy;
// CHECK-NEXT: // line 8: double sigx = 1.0 / (1.0 + std::exp(-x));
// CHECK-NEXT: *d_x += d_den * (sigx * (1.0 - sigx));
// CHECK-NEXT: // line 7: double num = x + sigy;
// CHECK-NEXT: *d_x += d_num;
// CHECK-NEXT: // line 6: double sigy = 1.0 / (1.0 + std::exp(-y));
// CHECK-NEXT: *d_y += d_num * (sigy * (1.0 - sigy));
// CHECK-NEXT: }
