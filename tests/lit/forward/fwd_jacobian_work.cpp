// A Jacobian of a function whose gradient keeps storage in a work buffer (a
// loop of run-time length): f_jacobian and its sparse form may sweep by rows
// with f_grad / f_pullback, which need that buffer. Rejected at the marker, no
// output (before: a header that did not compile; tests/fuzz/FINDINGS.md
// jacobian-work).
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK: fwd_diag_jacobian_work.cpp:[[@LINE+1]]:1: error: gradc cannot write 'f_jacobian': its gradient keeps storage in a work buffer (a loop of run-time length); give the loop a trip count known at compile time, or mark it GRADC_GRAD
GRADC_JACOBIAN
double f(double x, double y, int len) {
  for (int i = 0; i < len; ++i) x = std::sin(x * y);
  return x;
}
