// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

// The pullback needs z as softmax_xent read it; the caller's array cannot be
// put back once overwritten (restoring it would undo the output).
GRADC_GRAD
void f(const float* w, float* z, float* loss) {
  for (int k = 0; k < 3; ++k) z[k] = w[k] * w[k];
  // CHECK: array_rule_overwrite.cpp:[[@LINE+1]]:3: error: this reads an element of 'z' that a later write changes (later in the code, or in a later iteration): 'z' is an output array of the caller, read and then overwritten
  loss[0] = nn::softmax_xent(z, 0, 3);
  for (int k = 0; k < 3; ++k) z[k] = z[k] - loss[0];
}
