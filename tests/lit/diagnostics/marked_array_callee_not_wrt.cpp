// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// unit's pullback has no adjoint for x: a differentiated x would lose its gradient.
GRADC_GRAD_WRT(w)
double unit(const double* w, const double* x) { return w[0] * x[0] + w[1] * x[1]; }

GRADC_GRAD
double f(const double* w, const double* x) {
  // CHECK: marked_array_callee_not_wrt.cpp:[[@LINE+1]]:3: error: this argument to 'unit' depends on a differentiated input, but 'unit' is not differentiated with respect to its parameter 'x'; add 'x' to its GRADC_GRAD_WRT
  return unit(w, x);
}
