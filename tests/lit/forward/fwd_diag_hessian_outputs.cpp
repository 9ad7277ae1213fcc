// f_hvp (and f_hessian) are of a function returning one value: a function
// that also writes an array is rejected at the marker, with no output.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// CHECK: fwd_diag_hessian_outputs.cpp:[[@LINE+1]]:1: error: gradc cannot write 'fill_hvp': it writes the array 'y'; return one float/double value and write no array
GRADC_HESSIAN
double fill(const double x[2], double y[2]) {
  y[0] = x[0] * x[1];
  y[1] = x[0];
  return x[0] * x[0] * x[1];
}
