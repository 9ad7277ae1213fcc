// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

union Pun {
  double d;
  long long i;
};

GRADC_GRAD
double f(double x) {
  Pun p;
  p.d = x;
  // CHECK: union.cpp:[[@LINE+1]]:12: error: a union member reinterprets the bits of a value and cannot be differentiated; use arithmetic conversions (static_cast) instead
  return p.d * 2.0;
}
