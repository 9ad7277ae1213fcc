// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

double gain = 2.0;

GRADC_GRAD
double f(double x) {
  // CHECK: mutable_global.cpp:[[@LINE+1]]:14: error: 'gain' is a mutable global variable, which a gradient cannot follow (its value may change between calls); make it a constant ('constexpr double gain = ...;') or pass it as a parameter ('f(..., double gain)', or 'const double* gain' for an array)
  return x * gain;
}
