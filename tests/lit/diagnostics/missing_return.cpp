// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  if (x > 0) return x;
  // CHECK: missing_return.cpp:[[@LINE+1]]:1: error: 'f' can reach its end without returning a value
}
