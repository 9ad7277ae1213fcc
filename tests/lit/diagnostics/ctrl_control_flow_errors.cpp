// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
// Loops, calls and lambdas gradc cannot take yet: each named, with the rewrite.
#include <gradc/gradc.h>

#include "Inputs/ctrl_fill.hpp"

void log_here(double v);  // declared here: the generated header cannot see it
GRADC_NONDIFF
void note_here(double v) { (void)v; }

GRADC_GRAD
double stride(const double* x, int n) {
  double s = 0;
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:3: error: this loop (a loop counting down must step by --i (for 'i -= k' write 'for (int j = 0; j < count; ++j)' with 'int i = start - j * k;')
  for (int i = n - 1; i >= 0; i -= 2) s += x[i];
  return s;
}

GRADC_GRAD
double unsigned_down(const double* x, unsigned n) {
  double s = 0;
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:3: error: this loop (an unsigned counter counting down
  for (unsigned i = n; i > 0; --i) s += x[i - 1];
  return s;
}

GRADC_GRAD
double unsigned_ne(const double* x, unsigned n) {
  double s = 0;
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:3: error: this loop ('i != hi' is accepted with a signed counter stepping by ++i only (write 'i < hi')
  for (unsigned i = 0; i != n; ++i) s += x[i];
  return s;
}

GRADC_GRAD
double writes(double x) {
  double buf[2];
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:8: error: passing 'buf' to 'fill', a call evaluated for its effects (a non-const pointer: the call could write it; pass 'const T*')
  fill(buf, 2);
  return x * buf[0];
}

GRADC_GRAD
double undeclared(double x) {
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:3: error: calling 'log_here', declared in the source file without a body (the generated header calls such a function by name: declare it in a header the source includes)
  log_here(x);
  return x;
}

GRADC_GRAD
double nondiff_here(double x) {
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:3: error: calling GRADC_NONDIFF 'note_here', which returns nothing, from the source file (the generated header calls such a function by name: declare it in a header the source includes)
  note_here(x);
  return x;
}

GRADC_GRAD
double mutable_lambda(double x) {
  double k = x;
  // CHECK: ctrl_control_flow_errors.cpp:[[@LINE+1]]:16: error: a by-value capture of a 'mutable' lambda (capture it by reference: '[&k]')
  auto bump = [k]() mutable { k = k * 2; return k; };
  return bump() * x;
}
