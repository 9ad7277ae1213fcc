// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// A run-time stride is counted before the loop: the loop may only read it.
GRADC_GRAD
double f(const double x[16], int s) {
  double e = 0.0;
  // CHECK: runtime_stride_written.cpp:[[@LINE+1]]:3: error: this loop (a loop stepping by 'i += s' needs 's' an integer the loop only reads ('i += b', 'i += 2 * b'); write 'for (int i = lo; i < hi; ++i)') is not supported in a differentiated function yet
  for (int t = 0; t < 16; t += s) {
    e += x[t];
    ++s;
  }
  return e;
}

// Counting down by a run-time stride is not counted.
GRADC_GRAD
double g(const double x[16], int s) {
  double e = 0.0;
  // CHECK: runtime_stride_written.cpp:[[@LINE+1]]:3: error: this loop (a loop stepping by a run-time 'i += s' must count up with 'i < hi' or 'i <= hi'; write 'for (int i = lo; i < hi; ++i)') is not supported in a differentiated function yet
  for (int t = 15; t >= 0; t += s) e += x[t];
  return e;
}
