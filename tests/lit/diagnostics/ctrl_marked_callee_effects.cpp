// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A marked function printing is fine alone, but called from another marked
// function its pullback would run its forward sweep, and print, again.
#include <gradc/gradc.h>

#include <cstdio>

GRADC_GRAD
double g(double x) {
  std::printf("g(%g)\n", x);
  return x * x;
}

GRADC_GRAD
double f(double x) {
  // CHECK: ctrl_marked_callee_effects.cpp:[[@LINE+1]]:3: error: a call to 'g', a marked function with statements run for their effects (printf, assert, a void call), which its pullback would run a second time (remove its GRADC_GRAD mark: a helper is inlined and runs them once; or move them out of it), is not supported
  return g(x) * 3.0;
}
