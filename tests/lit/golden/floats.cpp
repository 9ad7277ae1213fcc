// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

constexpr float kGain = 1.5f;

// Float code stays float: rules are retyped, literals get an f suffix.
GRADC_GRAD
float squash(float a, float b) {
  float h = std::tanh(a * kGain) + std::log(b);
  return h * h;
}

// CHECK: namespace gradc_src {
// CHECK-NEXT: constexpr float kGain = 1.5f;
// CHECK-LABEL: inline float squash_grad(float a, float b, float* d_a, float* d_b) {
// CHECK-NEXT: // line 13: float h = std::tanh(a * kGain) + std::log(b);
// CHECK-NEXT: float t0 = std::tanh(a * gradc_src::kGain);
// CHECK-NEXT: float h = t0 + std::log(b);
// CHECK-NEXT: // line 14: return h * h
// CHECK-NEXT: float squash = h * h;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 14: return h * h
// CHECK-NEXT: float d_h = h;
// CHECK-NEXT: d_h += h;
// CHECK-NEXT: // line 13: float h = std::tanh(a * kGain) + std::log(b);
// CHECK-NEXT: *d_b += d_h / b;
// CHECK-NEXT: *d_a += d_h * (1.0f - t0 * t0) * gradc_src::kGain;
// CHECK-NEXT: return squash;
// CHECK-NEXT: }
