// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

double helper(double x) { return x * x; }

// An inlined call needs statements of its own: not inside a condition.
GRADC_GRAD
double f(double x) {
  // CHECK: call_in_condition.cpp:[[@LINE+1]]:7: error: calling 'helper' in a condition, an index or a loop bound (assign its result to a local variable first, and use that) is not supported
  if (helper(x) > 1.0) return x;
  return 2.0 * x;
}
