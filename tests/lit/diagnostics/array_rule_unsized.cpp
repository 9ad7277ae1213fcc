// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

// target is not differentiated, but soft_xent_pullback adds into a d_target
// all the same: gradc would need a scratch array of target's length.
GRADC_GRAD_WRT(z)
float f(const float* z, const float* target) {
  // CHECK: array_rule_unsized.cpp:[[@LINE+1]]:3: error: a call to 'nn::soft_xent' with 'target', which is constant here: the rule still wants an adjoint array for it, and gradc can size one only for a local array (copy it into one, or differentiate with respect to it), is not supported in a differentiated function yet
  return nn::soft_xent(z, target, 3);
}
