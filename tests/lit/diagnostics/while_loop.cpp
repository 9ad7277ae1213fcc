// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// The reverse sweep keeps storage for every trip: a while loop needs a bound.
GRADC_GRAD
double f(double x) {
  // CHECK: while_loop.cpp:[[@LINE+1]]:3: error: a 'while' loop without 'GRADC_MAX_TRIPS(n);' as the first statement of its body (the reverse sweep keeps storage for every trip; or write 'for (int i = 0; i < n && cond; ++i)') is not supported in a differentiated function yet
  while (x > 1.0) x = x * 0.5;
  return x;
}
