// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A local pointer must point somewhere when it is declared. (Moving one,
// `++p`, `p = y`, `p += 2`, and pointing at a scalar local were rejected
// here; they go through now: tests/lit/numeric/moving_pointer.cpp,
// pointer_to_scalar.cpp.)
#include <gradc/gradc.h>

GRADC_GRAD
double unset(const double* x) {
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:17: error: a local pointer 'p' that does not point into an array (declare it where it is made, pointing into an array: 'const double* p = &a[k];' or '= a + k;') is not supported
  const double* p;
  return x[0];
}
