// RUN: %gradc %s -o %t.hpp -- %flags 2>&1 | %FileCheck %s
// RUN: test -e %t.hpp
#include <gradc/gradc.h>

// A marked template nobody instantiates: a warning, and the rest is generated.
template <class T>
// CHECK: template_not_instantiated.cpp:[[@LINE+1]]:1: warning: the template 'twice' is marked, but this file instantiates it for no type
GRADC_GRAD
T twice(T x) { return 2 * x; }

GRADC_GRAD
double f(double x) { return x * x; }
