// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S/../numeric | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/user_rules.hpp"

// The seed is missing: the message shows the signature gradc expects.
GRADC_PULLBACK_OF(act::softplus)
// CHECK: user_rule_signature.cpp:[[@LINE+1]]:13: error: 'softplus_rule' does not have the pullback signature of 'softplus'; expected: void softplus_rule(double x, double d_ret, double* d_x)
inline void softplus_rule(double x, double* d_x) { *d_x += x; }

GRADC_GRAD
double f(double x) { return act::softplus(x); }
