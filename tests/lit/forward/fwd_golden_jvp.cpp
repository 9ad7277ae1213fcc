// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// The shape of f_jvp: tangents named t_<source name>, each statement's
// tangent before it under its `// line N:` comment, rule results reused
// (t_y = t_x * y for exp), no statement for what depends on no input.
GRADC_JACOBIAN_WRT(x, u)
float pendulum(const float x[2], float u, float dt, float next[2]) {
  float g = 9.81f * dt;
  float s = std::sin(x[0]);
  next[0] = x[0] + dt * x[1];
  next[1] = x[1] - g * s + dt * u * std::exp(-x[1]);
  return next[0] * next[0];
}

// CHECK-LABEL: inline float pendulum_jvp(const float* x, float u, float dt, float* next, const float* t_x, float t_u, float* t_next, float* t_ret) {
// CHECK-NEXT: // line 13: float g = 9.81f * dt;
// CHECK-NEXT: float g = 9.81f * dt;
// CHECK-NEXT: // line 14: float s = std::sin(x[0]);
// CHECK-NEXT: float t0 = x[0];
// CHECK-NEXT: float t_s = t_x[0] * std::cos(t0);
// CHECK-NEXT: float s = std::sin(t0);
// CHECK-NEXT: // line 15: next[0] = x[0] + dt * x[1]
// CHECK-NEXT: t_next[0] = t_x[0] + t_x[1] * dt;
// CHECK-NEXT: next[0] = x[0] + dt * x[1];
// CHECK-NEXT: // line 16: next[1] = x[1] - g * s + dt * u * std::exp(-x[1])
// CHECK-NEXT: float t1 = dt * u;
// CHECK-NEXT: float t2 = std::exp(-x[1]);
// CHECK-NEXT: t_next[1] = t_x[1] - t_s * g + (t_u * dt * t2 - t_x[1] * t2 * t1);
// CHECK-NEXT: next[1] = x[1] - g * s + t1 * t2;
// CHECK-NEXT: // line 17: return next[0] * next[0]
// CHECK-NEXT: float t3 = next[0];
// CHECK-NEXT: float t_pendulum = t_next[0] * (2.0f * t3);
// CHECK-NEXT: float pendulum = t3 * t3;
// CHECK-NEXT: t_ret[0] = t_pendulum;
// CHECK-NEXT: return pendulum;
// CHECK-NEXT: }
// CHECK-LABEL: inline constexpr int pendulum_jacobian_rows = 3;
// CHECK-LABEL: inline constexpr int pendulum_jacobian_cols = 3;
// CHECK-EMPTY:
// CHECK-NEXT: // pendulum_jacobian (fwd_golden_jvp.cpp:12): returns pendulum and writes its Jacobian to J[row * 3 + col].
// CHECK-NEXT: // Forward mode: 3 column(s) <= 3 row(s), one pendulum_jvp sweep per column.
// CHECK-LABEL: inline float pendulum_jacobian(const float* x, float u, float dt, float* next, float* J) {
// CHECK-NEXT: float value = 0.0f;
// CHECK-NEXT: float t_x[2] = {};
// CHECK-NEXT: float t_next[2] = {};
// CHECK-NEXT: float t_ret;
// CHECK-NEXT: for (int c = 0; c < 2; ++c) {  // columns 0..: x
// CHECK-NEXT: t_x[c] = 1.0f;
// CHECK-NEXT: value = pendulum_jvp(x, u, dt, next, t_x, 0.0f, t_next, &t_ret);
// CHECK-NEXT: for (int i = 0; i < 2; ++i) J[i * 3 + c] = t_next[i];
// CHECK-NEXT: J[2 * 3 + c] = t_ret;
// CHECK-NEXT: t_x[c] = 0.0f;
// CHECK-NEXT: }
// CHECK-NEXT: {  // column 2: u
// CHECK-NEXT: value = pendulum_jvp(x, u, dt, next, t_x, 1.0f, t_next, &t_ret);
// CHECK-NEXT: for (int i = 0; i < 2; ++i) J[i * 3 + 2] = t_next[i];
// CHECK-NEXT: J[2 * 3 + 2] = t_ret;
// CHECK-NEXT: }
// CHECK-NEXT: return value;
// CHECK-NEXT: }
