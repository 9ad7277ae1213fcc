// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

// A local array can be put back, but not an element overwritten under an 'if' in a loop.
GRADC_GRAD
float g(const float* w) {
  float z[3];
  for (int k = 0; k < 3; ++k) z[k] = w[k] * w[k];
  float l = nn::softmax_xent(z, 0, 3);
  for (int k = 0; k < 3; ++k)
    // CHECK: array_rule_overwrite_local.cpp:[[@LINE+1]]:16: error: overwriting an element of 'z' that was read before, inside an 'if' in a loop (write 'a[i] = c ? e : a[i]' instead) is not supported in a differentiated function yet
    if (l > 1) z[k] = 0;
  return l + nn::softmax_xent(z, 1, 3);
}
