// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: while_loop.cpp:[[@LINE+1]]:3: error: a loop other than a counted 'for' is not supported in a differentiated function yet
  while (x > 1.0) x = x * 0.5;
  return x;
}
