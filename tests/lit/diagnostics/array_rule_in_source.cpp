// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

// A rule for a function taking arrays is called by name from the generated
// header, which does not include the source file.
GRADC_PULLBACK_OF(nn::hinge)
// CHECK: array_rule_in_source.cpp:[[@LINE+1]]:6: error: 'hinge_pullback' is declared in the source file; 'hinge' takes arrays or integers, so the generated code calls 'hinge_pullback' by name: declare it in a header the source includes (its definition may live anywhere)
void hinge_pullback(const float* z, int label, int n, float d_ret, float* d_z);

GRADC_GRAD
float f(const float* z) { return nn::hinge(z, 0, 3); }
