// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// The determinant by minors as its definition reads: recursive, with a
// run-time order. Rejected with the template-depth form to write instead
// (tests/lit/natural/nat_det.cpp is that form, and goes through).
#include <gradc/gradc.h>

constexpr int MAX_N = 8;

GRADC_GRAD
// CHECK: nat_det_recursive.cpp:[[@LINE+1]]:8: error: 'det_by_minors' is recursive; recursion is not supported, rewrite it iteratively, or make the depth a template parameter: 'template <int N> double f(double x) { if constexpr (N == 0) return x; else return g(f<N - 1>(x)); }'
double det_by_minors(const double* A, int n) {
  if (n == 1) return A[0];
  double det = 0.0, sign = 1.0;
  for (int j = 0; j < n; ++j) {
    double m[(MAX_N - 1) * (MAX_N - 1)];
    for (int r = 1; r < n; ++r)
      for (int c = 0, k = 0; c < n; ++c)
        if (c != j) m[(r - 1) * (n - 1) + k++] = A[r * n + c];
    det += sign * A[j] * det_by_minors(m, n - 1);
    sign = -sign;
  }
  return det;
}
