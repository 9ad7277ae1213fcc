// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// The lecture notes' staged example: the generated reverse sweep is the
// notes' backward pass, line by line, with += at the forks.
GRADC_GRAD
double staged(double x, double y) {
  double sigy = 1.0 / (1.0 + std::exp(-y));
  double num = x + sigy;
  double sigx = 1.0 / (1.0 + std::exp(-x));
  double xpy = x + y;
  double xpysqr = xpy * xpy;
  double den = sigx + xpysqr;
  double invden = 1.0 / den;
  return num * invden;
}

// CHECK-LABEL: inline void staged_pullback(double x, double y, double d_ret, double* d_x, double* d_y) {
// CHECK-NEXT: // line 12: double sigy = 1.0 / (1.0 + std::exp(-y));
// CHECK-NEXT: double sigy = gradc::sigmoid(y);
// CHECK-NEXT: // line 13: double num = x + sigy;
// CHECK-NEXT: double num = x + sigy;
// CHECK-NEXT: // line 14: double sigx = 1.0 / (1.0 + std::exp(-x));
// CHECK-NEXT: double sigx = gradc::sigmoid(x);
// CHECK-NEXT: // line 15: double xpy = x + y;
// CHECK-NEXT: double xpy = x + y;
// CHECK-NEXT: // line 16: double xpysqr = xpy * xpy;
// CHECK-NEXT: double xpysqr = xpy * xpy;
// CHECK-NEXT: // line 17: double den = sigx + xpysqr;
// CHECK-NEXT: double den = sigx + xpysqr;
// CHECK-NEXT: // line 18: double invden = 1.0 / den;
// CHECK-NEXT: double invden = 1.0 / den;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 19: return num * invden
// CHECK-NEXT: double d_num = d_ret * invden;
// CHECK-NEXT: double d_invden = d_ret * num;
// CHECK-NEXT: // line 18: double invden = 1.0 / den;
// CHECK-NEXT: double d_den = -(d_invden * (invden * invden));
// CHECK-NEXT: // line 16: double xpysqr = xpy * xpy;
// CHECK-NEXT: double d_xpy = d_den * (2.0 * xpy);
// CHECK-NEXT: // line 15: double xpy = x + y;
// CHECK-NEXT: *d_x += d_xpy;
// CHECK-NEXT: *d_y += d_xpy;
// CHECK-NEXT: // line 14: double sigx = 1.0 / (1.0 + std::exp(-x));
// CHECK-NEXT: *d_x += d_den * (sigx * (1.0 - sigx));
// CHECK-NEXT: // line 13: double num = x + sigy;
// CHECK-NEXT: *d_x += d_num;
// CHECK-NEXT: // line 12: double sigy = 1.0 / (1.0 + std::exp(-y));
// CHECK-NEXT: *d_y += d_num * (sigy * (1.0 - sigy));
// CHECK-NEXT: }
// CHECK-LABEL: inline double staged_grad(double x, double y, double* d_x, double* d_y) {
// CHECK-NEXT: // line 12: double sigy = 1.0 / (1.0 + std::exp(-y));
// CHECK-NEXT: double sigy = gradc::sigmoid(y);
// CHECK-NEXT: // line 13: double num = x + sigy;
// CHECK-NEXT: double num = x + sigy;
// CHECK-NEXT: // line 14: double sigx = 1.0 / (1.0 + std::exp(-x));
// CHECK-NEXT: double sigx = gradc::sigmoid(x);
// CHECK-NEXT: // line 15: double xpy = x + y;
// CHECK-NEXT: double xpy = x + y;
// CHECK-NEXT: // line 16: double xpysqr = xpy * xpy;
// CHECK-NEXT: double xpysqr = xpy * xpy;
// CHECK-NEXT: // line 17: double den = sigx + xpysqr;
// CHECK-NEXT: double den = sigx + xpysqr;
// CHECK-NEXT: // line 18: double invden = 1.0 / den;
// CHECK-NEXT: double invden = 1.0 / den;
// CHECK-NEXT: // line 19: return num * invden
// CHECK-NEXT: double staged = num * invden;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 18: double invden = 1.0 / den;
// CHECK-NEXT: double d_den = -(num * (invden * invden));
// CHECK-NEXT: // line 16: double xpysqr = xpy * xpy;
// CHECK-NEXT: double d_xpy = d_den * (2.0 * xpy);
// CHECK-NEXT: // line 15: double xpy = x + y;
// CHECK-NEXT: *d_x += d_xpy;
// CHECK-NEXT: *d_y += d_xpy;
// CHECK-NEXT: // line 14: double sigx = 1.0 / (1.0 + std::exp(-x));
// CHECK-NEXT: *d_x += d_den * (sigx * (1.0 - sigx));
// CHECK-NEXT: // line 13: double num = x + sigy;
// CHECK-NEXT: *d_x += invden;
// CHECK-NEXT: // line 12: double sigy = 1.0 / (1.0 + std::exp(-y));
// CHECK-NEXT: *d_y += invden * (sigy * (1.0 - sigy));
// CHECK-NEXT: return staged;
// CHECK-NEXT: }
