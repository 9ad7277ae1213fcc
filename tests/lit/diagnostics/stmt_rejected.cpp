// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Switches, loops and assignments inside expressions that gradc does not
// take: each named, with what to write instead.
#include <gradc/gradc.h>

GRADC_GRAD
double duff(double x, int k) {
  double r = 0;
  switch (k) {
    case 0:
      r = x;
      if (x > 1) {
        // CHECK: stmt_rejected.cpp:[[@LINE+1]]:9: error: a 'case' or 'default' label inside a block, an if or a loop of the switch (Duff's device; put every label directly in the switch's braces)
        case 1:
          r += x;
      }
  }
  return r;
}

GRADC_GRAD
double unsequenced(double x, double y) {
  double t;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:28: error: 't' is assigned inside this expression and also used elsewhere in it ('t = x * y'): C++ does not order the two (write 't = ...;' as a statement of its own first)
  double r = (t = x * y) + t * x;
  return r;
}

GRADC_GRAD
double in_branch(double x, double y) {
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:22: error: an assignment or increment in a branch of '?:' or on the right of '&&' or '||' (it runs on some paths only: write an 'if' statement)
  double z = x > 0 ? (y = x) : 0.5;
  return z * y;
}

GRADC_GRAD
double element(double x) {
  double a[2] = {1, 2};
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:20: error: assigning to 'a[0]' inside an expression (only a local variable or parameter can be assigned there; assign in a statement of its own first)
  double z = (a[0] = x) * 2;
  return z * a[0] + a[1];
}

void bump(double& v);

GRADC_GRAD
double writing_call(double x, double w) {
  double t;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:25: error: a call that may write variables ('bump(w)') in an expression with an assignment or increment inside (C++ does not fix their order: make the assignment a statement of its own first)
  double z = (t = x) + (bump(w), w);
  return z * t;
}

GRADC_GRAD
double skipped_step(double x, int n) {
  double s = 0;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:3: error: this loop (a 'continue' would skip the counter's step at the end of the body (step it in the loop's head); write 'for (int i = lo; i < hi; ++i)')
  for (int i = 0; i < n;) {
    if (s > 2) continue;
    s += x;
    ++i;
  }
  return s;
}

GRADC_GRAD
double follower_written(double x, int n) {
  double s = 0;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:3: error: this loop (a second counter may change in the loop's head only; write 'for (int i = lo; i < hi; ++i)')
  for (int i = 0, j = 0; i < n; ++i, ++j) {
    j += i;
    s += x * j;
  }
  return s;
}

GRADC_GRAD
double no_condition(double x) {
  double s = x;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:3: error: this loop (a loop without a condition must start with 'if (i >= hi) break;'; write 'for (int i = lo; i < hi; ++i)')
  for (;;) {
    s = s * 0.5;
    if (s < 0.1) break;
  }
  return s;
}

GRADC_GRAD
double while_breaks(double x, int n) {
  double s = 0;
  int i = 0;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:3: error: a 'while' loop without 'GRADC_MAX_TRIPS(n);' as the first statement of its body (the reverse sweep keeps storage for every trip; or write 'for (int i = 0; i < n && cond; ++i)'; it counts with 'i', but the loop may stop early ('break', 'return' or '&& ...') and its counter 'i' is declared before it, which leaves its final value unknown: declare the counter in the loop)
  while (i < n) {
    if (s > 3) break;
    s += x * i;
    ++i;
  }
  return s;
}

GRADC_GRAD_WRT(x)
double unsigned_pairs(const double* x, unsigned n) {
  double s = 0;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:3: error: this loop ('i + c < n' on unsigned values (n - c could wrap around; use a signed counter); write 'for (int i = lo; i < hi; ++i)')
  for (unsigned i = 0; i + 1 < n; ++i) s += x[i] * x[i + 1];
  return s;
}

GRADC_GRAD_WRT(x)
double stop_reads_follower(const double* x) {
  double s = 0;
  // CHECK: stmt_rejected.cpp:[[@LINE+1]]:3: error: this loop (the condition may not read a second counter that steps; write 'for (int i = lo; i < hi; ++i)')
  for (int i = 0, j = 4; i < 4 && j > 1; ++i, --j) s += x[i] * j;
  return s;
}
