// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

// normalize writes through z: a rule would need z's seed too.
GRADC_PULLBACK_OF(nn::normalize)
// CHECK: array_rule_types.cpp:[[@LINE+1]]:6: error: a user rule for 'normalize' is not supported: user rules cover functions returning float or double whose parameters are float, double or integer values or const float/double arrays (let gradc differentiate 'normalize' instead)
void normalize_pullback(float* z, int n, float d_ret, float* d_z);

GRADC_GRAD
float f(const float* w) {
  float z[3] = {w[0], w[1], w[2]};
  return nn::normalize(z, 3);
}
