// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    // CHECK: break.cpp:[[@LINE+1]]:19: error: 'break' is not supported in a differentiated function yet
    if (x[i] < 0) break;
    s += x[i];
  }
  return s;
}
