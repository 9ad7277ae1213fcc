// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Every problem is reported in one run, not just the first.
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  // CHECK: all_errors_reported.cpp:[[@LINE+1]]:14: error: 'throw'
  if (x < 0) throw 1;
  // CHECK: all_errors_reported.cpp:[[@LINE+1]]:3: error: inline assembly
  asm("");
  return x;
}
