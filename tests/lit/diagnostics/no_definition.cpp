// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

double opaque(double);

GRADC_GRAD
double f(double x) {
  // CHECK: no_definition.cpp:[[@LINE+1]]:10: error: cannot differentiate the call to 'opaque': no definition is visible and gradc has no derivative rule for it
  return opaque(x) * 2.0;
}
