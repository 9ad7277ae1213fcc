// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// `(c ? a : b) = v;` with scalar variables goes through
// (numeric/stmt_conditional_assign.cpp); other forms name the if/else.
#include <gradc/gradc.h>

GRADC_GRAD
double compound(double x, double y) {
  double m = x;
  // CHECK: conditional_assign.cpp:[[@LINE+1]]:19: error: a compound assignment to a conditional 'x > y ? m : y' (write 'if (c) a = v; else b = v;')
  (x > y ? m : y) += 2 * x;
  return m * y;
}

GRADC_GRAD
double element(const double* x, double y) {
  double a[2] = {x[0], x[1]};
  // CHECK: conditional_assign.cpp:[[@LINE+1]]:25: error: assigning to the conditional 'y > 0 ? a[0] : a[1]' whose branches are not both scalar variables (write 'if (c) a = v; else b = v;')
  (y > 0 ? a[0] : a[1]) = y;
  return a[0] * a[1];
}
