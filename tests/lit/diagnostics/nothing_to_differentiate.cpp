// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: nothing_to_differentiate.cpp:[[@LINE+1]]:8: error: 'f' is marked for differentiation but has no float or double parameter
double f(int n) { return n * 0.5; }
