// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD_WRT(x)
double count_positive(const double* x, int* hits) {
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    // CHECK: element_update.cpp:[[@LINE+1]]:5: error: this update of an element of 'hits' (supported: a[i] = e and a[i] += -= *= /= e on float or double elements) is not supported
    hits[i] += 1;
    s += x[i] * x[i];
  }
  return s;
}
