// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Unsupported statements are named in words, not by Clang's class name.
GRADC_GRAD
double f(double x) {
  double y = x;
// CHECK: label.cpp:[[@LINE+1]]:1: error: a label statement is not supported in a differentiated function yet
again:
  y = y * 2.0;
  return y;
}
