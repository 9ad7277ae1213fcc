// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: try.cpp:[[@LINE+1]]:3: error: 'try' cannot be differentiated: generated code has no exceptions
  try {
    x = x * 2;
  } catch (...) {
  }
  return x;
}
