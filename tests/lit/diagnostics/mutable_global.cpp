// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

double gain = 2.0;

GRADC_GRAD
double f(double x) {
  // CHECK: mutable_global.cpp:[[@LINE+1]]:14: error: 'gain' is a mutable global variable; make it const or constexpr, or pass it as a parameter
  return x * gain;
}
