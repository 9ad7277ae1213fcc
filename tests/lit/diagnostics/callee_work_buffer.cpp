// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>
#include <cmath>

GRADC_GRAD
double h(double a, double b, int m) {
  double s = a;
  for (int i = 0; i < m; ++i) s = 0.5 * s + b * std::cos(s);
  return s;
}

GRADC_GRAD
double k(double a, double b, int m) {
  // CHECK: callee_work_buffer.cpp:[[@LINE+1]]:3: error: a call to 'h', whose gradient keeps storage in a work buffer (a loop of run-time length), is not supported
  return h(a, b, m) * a;
}
