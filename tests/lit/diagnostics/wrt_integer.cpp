// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// CHECK: wrt_integer.cpp:[[@LINE+1]]:1: error: GRADC_GRAD_WRT names 'n' of type 'int'; only float and double parameters can be differentiated
GRADC_GRAD_WRT(n)
double f(double x, int n) { return x * n; }
