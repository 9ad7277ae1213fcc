// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

GRADC_GRAD
float f(const float* z) {
  // Part of an array: the rule's adjoint would have to be part of one too.
  // CHECK: array_rule_argument.cpp:[[@LINE+1]]:27: error: passing 'z + 1' to 'nn::softmax_xent' (pass a whole one-dimensional array: a pointer parameter, a local array or a struct member array) is not supported in a differentiated function yet
  return nn::softmax_xent(z + 1, 0, 3);
}
