// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// CHECK: wrt_unknown.cpp:[[@LINE+1]]:1: error: GRADC_GRAD_WRT names 'z', which is not a parameter of 'f'
GRADC_GRAD_WRT(x, z)
double f(double x, double y) { return x * y; }
