// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
void scale(const double* x, double* y) {
  for (int i = 0; i < 3; ++i) {
    y[i] = x[i];
    // CHECK: element_update.cpp:[[@LINE+1]]:5: error: this update of an element of 'y' (supported: a[i] = e, a[i] += e, a[i] -= e on float or double elements) is not supported
    y[i] *= x[i];
  }
}
