// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Hoisted before the expression where C++ orders it (numeric/stmt_assign_in_expr.cpp);
// not out of a loop's condition, which runs on every trip.
GRADC_GRAD
double f(double x) {
  double y = 0, s = 0;
  // CHECK: side_effect.cpp:[[@LINE+1]]:31: error: an assignment or increment inside an expression is not supported; make it a separate statement
  for (int i = 0; i < 4 && (y = x * i) < 2; ++i) s += y;
  return s + y;
}
