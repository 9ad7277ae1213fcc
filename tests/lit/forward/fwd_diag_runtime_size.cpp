// f_jacobian needs every differentiated array's length at generation time:
// a pointer of run-time length is rejected with a diagnostic at the marker,
// and no output is written.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// CHECK: fwd_diag_runtime_size.cpp:[[@LINE+1]]:1: error: gradc cannot write 'norm_jacobian': the length of 'x' is known only at run time; declare it with its length, `T x[N]` (the dense matrix is sized at generation time)
GRADC_JACOBIAN
double norm(const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += x[i] * x[i];
  return s;
}
