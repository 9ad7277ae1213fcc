// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(const double* x, int n) {
  double s = 0;
  // CHECK: noncanonical_for.cpp:[[@LINE+1]]:3: error: this loop (the condition must be 'i < hi', 'i <= hi', 'i != hi', or 'i >= lo', 'i > lo' for a loop counting down, optionally followed by '&& ...'; write 'for (int i = lo; i < hi; ++i)')
  for (int i = 0; n > i; ++i) s += x[i];
  return s;
}
