// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// An overwrite under an `if` in a loop goes through (numeric/overwrite_in_branch.cpp):
// its element is saved before the loop body's outermost `if`. One in an inner
// loop that runs under such an `if` is not: the inner loop's iterations would
// have to be put back whether or not it ran.
GRADC_GRAD
double rows_when_large(const double* x) {
  double a[4];
  for (int i = 0; i < 4; ++i) a[i] = x[i];
  double e = 0.0;
  for (int t = 0; t < 3; ++t) {
    if (a[t] > 1.0) {
      for (int i = 0; i < 4; ++i)
        // CHECK: overwrite_in_branch.cpp:[[@LINE+1]]:9: error: overwriting an element of 'a' that was read before, in a loop under an 'if' in a loop (write 'a[i] = c ? e : a[i]' instead) is not supported
        a[i] = a[i] * 0.5;
    }
    e += a[0] * a[3];
  }
  return e;
}
