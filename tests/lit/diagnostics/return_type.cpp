// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: return_type.cpp:[[@LINE+1]]:5: error: 'f' returns 'int'; a differentiated function must return double or float
int f(double x) { return static_cast<int>(x); }
