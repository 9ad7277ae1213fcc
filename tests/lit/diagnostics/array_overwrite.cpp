// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(const double* x) {
  double a[4];
  for (int i = 0; i < 4; ++i) a[i] = x[i];
  // CHECK: array_overwrite.cpp:[[@LINE+1]]:31: error: this reads 'a', which is written later (or in a later iteration); gradc does not yet save overwritten array elements
  for (int i = 0; i < 4; ++i) a[i] = a[i] * a[i];
  return a[0] + a[3];
}
