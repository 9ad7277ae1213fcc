#pragma once
// A fused, numerically stable softmax cross-entropy and its user rule, for
// array_rules.cpp. Declarations only: the generated code calls both by name.
#include <gradc/gradc.h>

namespace nn {

float softmax_xent(const float* z, int label, int n);

// d/dz_i = softmax(z)_i - [i == label]
GRADC_PULLBACK_OF(softmax_xent)
void softmax_xent_pullback(const float* z, int label, int n, float d_ret, float* d_z);

}  // namespace nn
