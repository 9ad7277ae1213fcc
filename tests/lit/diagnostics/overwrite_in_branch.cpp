// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Each reverse iteration puts the overwritten elements back before it
// recomputes, unconditionally: a conditional overwrite is rejected.
GRADC_GRAD
double clip_in_place(const double* x) {
  double a[4];
  for (int i = 0; i < 4; ++i) a[i] = x[i];
  for (int i = 0; i < 4; ++i) {
    // CHECK: overwrite_in_branch.cpp:[[@LINE+1]]:21: error: overwriting an element of 'a' that was read before, inside an 'if' in a loop (write 'a[i] = c ? e : a[i]' instead) is not supported
    if (a[i] > 1.0) a[i] = a[i] * 0.5;
  }
  return a[0] * a[1] + a[2] * a[3];
}

// Declared in the outer loop, overwritten under an `if` inside the inner one:
// the inner loop's reverse iteration would have to put it back, and does not.
GRADC_GRAD
double rows_in_place(const double* x) {
  double e = 0.0;
  for (int t = 0; t < 3; ++t) {
    double a[4];
    for (int i = 0; i < 4; ++i) a[i] = x[i] * t;
    for (int i = 0; i < 4; ++i) {
      // CHECK: overwrite_in_branch.cpp:[[@LINE+1]]:23: error: overwriting an element of 'a' that was read before, inside an 'if' in a loop
      if (a[i] > 1.0) a[i] = a[i] * a[(i + 1) % 4];
    }
    e += a[0] * a[3];
  }
  return e;
}
