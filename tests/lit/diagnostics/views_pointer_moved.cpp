// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A pointer into an array stays where it is declared: moving it is rejected
// with the rewrite (index from it, or declare another pointer).
#include <gradc/gradc.h>

GRADC_GRAD
double advance(const double* x, int n) {
  const double* p = x;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += *p * *p;
    // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:7: error: moving the pointer 'p' (a pointer into an array stays where it is declared: index from it instead, 'p[k + i]', or declare another, 'const double* q = p + k;') is not supported
    ++p;
  }
  return s;
}

GRADC_GRAD
double reassign(const double* x, const double* y) {
  const double* p = x;
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:3: error: moving the pointer 'p'
  p = y;
  return p[0];
}

GRADC_GRAD
double stepped(const double* x) {
  const double* p = x + 1;
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:3: error: moving the pointer 'p'
  p += 2;
  return p[0];
}

GRADC_GRAD
double unset(const double* x) {
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:17: error: a local pointer 'p' that does not point into an array (declare it where it is made, pointing into an array: 'const double* p = &a[k];' or '= a + k;') is not supported
  const double* p;
  return x[0];
}

GRADC_GRAD
double to_scalar(const double* x) {
  double y = x[0];
  // CHECK: views_pointer_moved.cpp:[[@LINE+1]]:17: error: a local pointer 'q' that does not point into an array
  const double* q = &y;
  return *q;
}
