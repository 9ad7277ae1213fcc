// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) {
  if (x > 0)
    // CHECK: goto.cpp:[[@LINE+1]]:5: error: 'goto' cannot be differentiated; use if/else instead
    goto done;
  x = -x;
done:
  return x;
}
