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

// Comparisons inside rules are retyped too (fabs, pow): 0.0f, not 0.0.
GRADC_GRAD
float kinks(float x, float y) {
  return std::fabs(x) + std::pow(x * x + 1.0f, y);
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
// CHECK-NEXT: float d_h = 2.0f * h;
// CHECK-NEXT: // line 13: float h = std::tanh(a * kGain) + std::log(b);
// CHECK-NEXT: *d_b += d_h / b;
// CHECK-NEXT: *d_a += d_h * (1.0f - t0 * t0) * gradc_src::kGain;
// CHECK-NEXT: return squash;
// CHECK-NEXT: }
// CHECK-LABEL: inline float kinks_grad(float x, float y, float* d_x, float* d_y) {
// CHECK-NEXT: // line 20: return std::fabs(x) + std::pow(x * x + 1.0f, y)
// CHECK-NEXT: float t0 = x * x + 1.0f;
// CHECK-NEXT: float t1 = std::pow(t0, y);
// CHECK-NEXT: float kinks = std::fabs(x) + t1;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 20: return std::fabs(x) + std::pow(x * x + 1.0f, y)
// CHECK-NEXT: *d_y += t0 > 0.0f ? std::log(t0) * t1 : 0.0f;
// CHECK-NEXT: *d_x += y * std::pow(t0, y - 1.0f) * (2.0f * x);
// CHECK-NEXT: *d_x += x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : 0.0f;
// CHECK-NEXT: return kinks;
// CHECK-NEXT: }
