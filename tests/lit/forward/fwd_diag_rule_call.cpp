// f_hvp of a function using a user rule (GRADC_PULLBACK_OF) whose body calls
// a helper that has no rule: forward mode cannot differentiate that call
// (rule bodies are not inlined further). Taken for a constant it would give a
// silently wrong Hessian; it is an error at the marker, and no output. (A call
// to a function that has a rule is resolved to it: fz10k_hvp_rule_call.cpp.)
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I %S/Inputs | %FileCheck %s
// RUN: not test -e %t.hpp
#include "fwd_rule_call_lib.hpp"

// CHECK: fwd_diag_rule_call.cpp:[[@LINE+1]]:1: error: gradc cannot write 'f_hvp': a call to 'three_sq' on a value that varies, with no rule forward mode can find (a user rule's body calls it: give it a GRADC_PULLBACK_OF rule of float/double parameters); mark it GRADC_GRAD only
GRADC_HESSIAN
double f(double y) { return cube(y); }
