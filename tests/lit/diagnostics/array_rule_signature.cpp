// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

namespace losses {
float xent(const float* z, int label, int n);

// An adjoint for the integer label too: the message shows the signature
// gradc expects (adjoints for float/double parameters and arrays only).
GRADC_PULLBACK_OF(xent)
// CHECK: array_rule_signature.cpp:[[@LINE+1]]:6: error: 'xent_rule' does not have the pullback signature of 'xent'; expected: void xent_rule(const float* z, int label, int n, float d_ret, float* d_z)
void xent_rule(const float* z, int label, int n, float d_ret, float* d_z, int* d_label);
}  // namespace losses

GRADC_GRAD
float f(const float* z) { return losses::xent(z, 0, 3); }
