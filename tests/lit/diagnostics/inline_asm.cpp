// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: inline_asm.cpp:[[@LINE+1]]:3: error: inline assembly cannot be differentiated; move it out of the marked function
  asm volatile("" : : : "memory");
  return x * x;
}
