// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: reference_param.cpp:[[@LINE+1]]:28: error: type 'double &' of 'w' is not supported yet
double f(double x, double& w) { return x * w; }
