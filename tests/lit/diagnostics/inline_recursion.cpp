// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Unmarked callees are inlined: one that reaches itself is rejected.
double odd(double x, int n);
double even(double x, int n) {
  double r = x;
  if (n > 0) r = odd(x, n - 1);
  return r;
}
double odd(double x, int n) {
  // CHECK: inline_recursion.cpp:[[@LINE+1]]:20: error: 'even' is recursive; recursion is not supported, rewrite it iteratively
  double r = 2.0 * even(x, n);
  return r;
}

GRADC_GRAD
double f(double x) { return even(x, 3); }
