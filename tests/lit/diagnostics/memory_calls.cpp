// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cstring>

// memset and memcpy go through as element loops when they set or copy whole
// elements between arrays of one type (numeric/effect_calls.cpp); otherwise
// they are refused with the loop to write.
GRADC_GRAD
double partial(const double* x) {
  double a[3];
  // CHECK: memory_calls.cpp:[[@LINE+1]]:21: error: 'memcpy' of '12' bytes, which is not a whole number of 'double' elements (write 'n * sizeof(double)', or the loop: 'for (int i = 0; i < n; ++i) dst[i] = src[i];') is not supported in a differentiated function yet
  std::memcpy(a, x, 12);
  return a[0];
}

GRADC_GRAD
double pattern(double x) {
  double a[2];
  // CHECK: memory_calls.cpp:[[@LINE+1]]:13: error: 'memset' to a byte other than 0, which sets bits rather than values (write the loop: 'for (int i = 0; i < n; ++i) a[i] = 0;') is not supported in a differentiated function yet
  memset(a, 0xff, sizeof a);
  a[1] = x;
  return a[1];
}

GRADC_GRAD
double overlap(const double* x) {
  double a[4] = {x[0], x[1], x[2], x[3]};
  // CHECK: memory_calls.cpp:[[@LINE+1]]:3: error: 'memmove' within one array (write the loop: 'for (int i = 0; i < n; ++i) dst[i] = src[i];') is not supported in a differentiated function yet
  memmove(a + 1, a, 3 * sizeof(double));
  return a[3] * a[0];
}
