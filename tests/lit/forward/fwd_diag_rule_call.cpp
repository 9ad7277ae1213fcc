// f_hvp of a function using a user rule (GRADC_PULLBACK_OF) whose body calls
// a function that has a rule: forward mode finds no rule for that call (user
// rules are keyed by declaration). It was taken for a constant, a silently
// wrong Hessian (hv = 0; tests/fuzz/FINDINGS.md hvp-rule-call); now an error
// at the marker, and no output.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I %S/Inputs | %FileCheck %s
// RUN: not test -e %t.hpp
#include "fwd_rule_call_lib.hpp"

// CHECK: fwd_diag_rule_call.cpp:[[@LINE+1]]:1: error: gradc cannot write 'f_hvp': a call to 'lg' on a value that varies, with no rule forward mode can find (a user rule's body calling a function that has a rule of its own); mark it GRADC_GRAD only
GRADC_HESSIAN
double f(double y) { return lg(y); }
