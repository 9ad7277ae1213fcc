// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  double y = 0;
  // CHECK: side_effect.cpp:[[@LINE+1]]:17: error: an assignment or increment inside an expression is not supported; make it a separate statement
  double z = (y = x) * 2.0;
  return z + y;
}
