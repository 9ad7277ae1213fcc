// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// (`double& w` is an array of one element, `const double& w` a value: both
// supported; a reference to a pointer is not.)
GRADC_GRAD
// CHECK: reference_param.cpp:[[@LINE+1]]:35: error: type 'const double *&' of 'w' is not supported yet
double f(double x, const double*& w) { return x * w[0]; }
