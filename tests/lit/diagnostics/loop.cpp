// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x, int n) {
  double s = 0;
  // CHECK: loop.cpp:[[@LINE+1]]:3: error: a loop is not supported in a differentiated function yet
  for (int i = 0; i < n; ++i) s += x;
  return s;
}
