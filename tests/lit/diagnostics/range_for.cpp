// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  double w[3] = {1.0, 2.0, 3.0};
  double s = 0;
  // CHECK: range_for.cpp:[[@LINE+1]]:3: error: a range-based 'for' (write a counted 'for') is not supported in a differentiated function yet
  for (double v : w) s += v * x;
  return s;
}
