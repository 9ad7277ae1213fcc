// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: reinterpret_cast.cpp:[[@LINE+1]]:21: error: reinterpret_cast reinterprets the bits of a value and cannot be differentiated
  long long bits = *reinterpret_cast<long long*>(&x);
  return x * static_cast<double>(bits);
}
