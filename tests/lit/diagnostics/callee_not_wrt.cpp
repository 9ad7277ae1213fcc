// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD_WRT(a)
double g(double a, double b) { return a * b; }

GRADC_GRAD
double f(double x) {
  // CHECK: callee_not_wrt.cpp:[[@LINE+1]]:3: error: this argument to 'g' depends on a differentiated input, but 'g' is not differentiated with respect to its parameter 'b'; add 'b' to its GRADC_GRAD_WRT
  return g(1.0, x);
}
