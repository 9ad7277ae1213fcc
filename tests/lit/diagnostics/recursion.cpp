// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: recursion.cpp:[[@LINE+1]]:8: error: 'f' is recursive; recursion is not supported, rewrite it iteratively
double f(double x, int n) { return n == 0 ? x : x * f(x, n - 1); }
