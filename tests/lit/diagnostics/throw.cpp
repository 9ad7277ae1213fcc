// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: throw.cpp:[[@LINE+1]]:14: error: 'throw' cannot be differentiated: generated code has no exceptions
  if (x < 0) throw 1;
  return x;
}
