// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A local pointer must point into an array. (Moving one, `++p`, `p = y`,
// `p += 2`, was rejected here; it goes through now:
// tests/lit/numeric/moving_pointer.cpp.)
#include <gradc/gradc.h>

GRADC_GRAD
double unset(const double* x) {
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:17: error: a local pointer 'p' that does not point into an array (declare it where it is made, pointing into an array: 'const double* p = &a[k];' or '= a + k;') is not supported
  const double* p;
  return x[0];
}

GRADC_GRAD
double to_scalar(const double* x) {
  double y = x[0];
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:17: error: a local pointer 'q' that does not point into an array
  const double* q = &y;
  return *q;
}
