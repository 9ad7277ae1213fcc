#pragma once
// Functions for the array-rule diagnostics tests (rules in the tests).
#include <gradc/gradc.h>

namespace nn {
float softmax_xent(const float* z, int label, int n);
float soft_xent(const float* z, const float* target, int n);
float hinge(const float* z, int label, int n);  // no rule here
float normalize(float* z, int n);
float softsign(float x);  // float values only: its rule is inlined, so it needs a body  // writes z: an output, which rules do not cover

GRADC_PULLBACK_OF(softmax_xent)
void softmax_xent_pullback(const float* z, int label, int n, float d_ret, float* d_z);
GRADC_PULLBACK_OF(soft_xent)
void soft_xent_pullback(const float* z, const float* target, int n, float d_ret, float* d_z, float* d_target);
}  // namespace nn
