// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: syntax_error.cpp:[[@LINE+1]]:15: error: expected ';' after return statement
  return x * x
}
