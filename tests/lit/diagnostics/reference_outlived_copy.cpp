// A const reference bound to a variable's storage through `?:` or a call
// returning a reference is read as a copy: rejected where the variable
// changes while the reference may still be bound to it (the copy would be a
// wrong value and a wrong gradient), at the change.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <algorithm>

GRADC_GRAD
double cond_ref(double x, double y) {
  double a = x * x, b = y;
  const double& r = x > y ? a : b;
  // CHECK: reference_outlived_copy.cpp:[[@LINE+1]]:3: error: changing 'a' while the reference 'r' may still be bound to it (gradc reads such a reference as a copy: write 'const double r = ...;' if a copy is meant, or read 'a' itself)
  a = 3 * x;
  return r * x;
}

GRADC_GRAD
double max_ref_in_loop(const double* x, int n) {
  double best = x[0], s = 0;
  const double& m = std::max(best, s);
  for (int i = 0; i < n; ++i)
    // CHECK: reference_outlived_copy.cpp:[[@LINE+1]]:5: error: changing 's' while the reference 'm'
    s += x[i] * m;
  return s;
}
