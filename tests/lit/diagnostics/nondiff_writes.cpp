// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// A GRADC_NONDIFF function writing through a parameter would carry a gradient.
GRADC_NONDIFF
static void normalize(double* v, int n) {
  for (int i = 0; i < n; ++i) v[i] = v[i] / n;
}

GRADC_GRAD
double f(double x) {
  double v[2];
  v[0] = x;
  v[1] = 2.0 * x;
  // CHECK: nondiff_writes.cpp:[[@LINE+1]]:3: error: calling GRADC_NONDIFF 'normalize', which writes through a parameter (a GRADC_NONDIFF function takes inputs only: it returns its result, or is called as a statement for its effects) is not supported
  normalize(v, 2);
  return v[0] + v[1];
}
