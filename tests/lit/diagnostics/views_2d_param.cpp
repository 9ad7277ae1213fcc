// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A marked function's 2-D array parameter: rejected with the flat rewrite
// (helpers it calls take 2-D arrays and rows: they are inlined).
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: views_2d_param.cpp:[[@LINE+1]]:23: error: the 2-D array parameter 'A' of a marked function (pass it flat, 'const double* A', and index it 'A[r * 3 + c]') is not supported in a differentiated function yet
double f(const double A[2][3], const double* x) { return A[0][0] * x[0] + A[1][2] * x[1]; }
