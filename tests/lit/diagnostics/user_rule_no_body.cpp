// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

// A rule for a function of float values is inlined by substitution: a
// declaration alone gives gradc nothing to substitute.
GRADC_PULLBACK_OF(nn::softsign)
// CHECK: user_rule_no_body.cpp:[[@LINE+1]]:6: error: derivative rule 'softsign_pullback' is malformed: it has no body (a rule for a function of float/double values is inlined)
void softsign_pullback(float x, float d_ret, float* d_x);

GRADC_GRAD
float f(float x) { return nn::softsign(x); }
