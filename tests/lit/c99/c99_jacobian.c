/* A Jacobian asked of a C input: emit/Dense.cpp writes C++ only, so an error
   at the marker, and no output. */
// RUN: rm -f %t.h
// RUN: %expect-error %gradc %s -o %t.h -- %cflags | %FileCheck %s
// RUN: not test -e %t.h
#include <gradc/gradc.h>

GRADC_JACOBIAN
// CHECK: c99_jacobian.c:[[@LINE+1]]:6: error: the gradient of 'step' cannot be written in C99: Jacobians and Hessians are written as C++ only so far (mark it GRADC_GRAD for C99 output)
void step(const double x[2], double y[2]) {
  y[0] = x[0] * x[1];
  y[1] = x[0] + x[1];
}
