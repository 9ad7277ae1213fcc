// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

double helper(double x) { return x * x; }

GRADC_GRAD
double f(double x) {
  // CHECK: unmarked_callee.cpp:[[@LINE+1]]:10: error: cannot differentiate the call to 'helper': it is not marked; mark 'helper' with GRADC_GRAD
  return helper(x) + 1.0;
}
