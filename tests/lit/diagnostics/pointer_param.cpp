// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: pointer_param.cpp:[[@LINE+1]]:34: error: type 'const double *' of 'w' is not supported yet
double f(double x, const double* w) { return x * w[0]; }
