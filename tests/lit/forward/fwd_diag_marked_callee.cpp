// f_jvp cannot call another marked function yet (its pushforward would be a
// jvp of its own): rejected at the caller's marker, naming the call, and no
// output is written.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double inner(double x) { return std::sin(x) * x; }

// CHECK: fwd_diag_marked_callee.cpp:[[@LINE+1]]:1: error: gradc cannot write 'outer_jvp': a call to 'inner' (a marked function, or a rule on arrays): forward mode has no pushforward for it yet; mark it GRADC_GRAD only
GRADC_JACOBIAN
double outer(double x, double y) { return inner(x * y) + y; }
