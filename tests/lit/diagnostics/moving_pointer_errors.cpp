// Pointers the source moves go through when every place they move to is an
// array of the same type (tests/lit/numeric/moving_pointer.cpp); the rest is
// rejected, every error in one run, and no header is written.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double to_scalar(const double* x, double y) {
  const double* p = x;
  double s = 0.0;
  for (int i = 0; i < 2; ++i) {
    s += p[0] * y;
    // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:9: error: moving a pointer to '&y' (a moving pointer points into arrays: 'p = a;', 'p = &a[k];', 'p = a + k;', 'p += k;') is not supported in a differentiated function yet
    p = &y;
  }
  return s;
}

GRADC_GRAD
double chosen(const double* x, const double* y, double c) {
  const double* p = x;
  // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:7: error: moving a pointer to 'c > 0 ? y : x' (a moving pointer points into arrays: 'p = a;', 'p = &a[k];', 'p = a + k;', 'p += k;') is not supported in a differentiated function yet
  p = c > 0 ? y : x;
  return p[0] * c;
}

GRADC_GRAD
double post_increment(const double* x) {
  const double* p = x;
  double s = 0.0;
  // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:38: error: moving a pointer inside an expression, '*p++'
  for (int i = 0; i < 3; ++i) s += *p++;
  return s;
}

GRADC_GRAD
double address_taken(const double* x, const double* y) {
  const double* p = x;
  // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:18: error: a local pointer 'pp' that does not point into an array
  const double** pp = &p;
  *pp = y;
  return p[0];
}

GRADC_GRAD
double declared_after(const double* x) {
  const double* p = x;
  double s = p[0];
  double tmp[2] = {x[0] * x[1], x[1]};
  // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:7: error: moving a pointer to 'tmp', declared after the pointer (declare 'tmp' before it)
  p = tmp;
  return s + p[1];
}

struct Acc {
  double w[2];
};

GRADC_GRAD
double element_member(const double* x) {
  Acc acc[2] = {};
  acc[0].w[0] = x[0];
  acc[1].w[1] = x[1];
  const double* p = acc[0].w;
  double s = 0.0;
  for (int t = 0; t < 3; ++t) {
    s += p[0] * p[1];
    // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:9: error: moving a pointer to 'acc[(t + 1) % 2].w', which reads 't', declared after the pointer
    p = acc[(t + 1) % 2].w;
  }
  return s;
}

GRADC_GRAD
double captured_by_value(const double* x) {
  const double* p = x;
  // CHECK: moving_pointer_errors.cpp:[[@LINE+1]]:28: error: a pointer that moves, captured by value (capture it by reference: '[&p]', or copy what it points to first)
  auto at = [=]() { return p[0]; };
  ++p;
  return at() * p[0];
}
