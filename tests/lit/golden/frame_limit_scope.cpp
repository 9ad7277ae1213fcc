// What the frame limit leaves on the stack (cleanup/Frame.cpp), under a tiny
// limit: a function with f_jacobian keeps its arrays (f_jacobian calls
// f_pullback, and has no work buffer to hand it: fuzz seed 9103), so does a
// marked function another one calls, and an array passed whole to a call;
// the caller's other arrays move. The
// header compiles warning-free with g++ and clang++.
// RUN: %gradc --frame-limit=16 %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %cxx-check %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline void rotate_pullback(
// CHECK-NOT: work
// CHECK: double c[2];
// CHECK-LABEL: inline void rotate_jacobian(
GRADC_JACOBIAN
void rotate(const double p[2], double t, double out[2]) {
  double c[2] = {t * t, 1.0 - t};
  out[0] = c[0] * p[0] - c[1] * p[1];
  out[1] = c[1] * p[0] + c[0] * p[1];
}

// CHECK-LABEL: inline void square_sum_pullback(
// CHECK-NOT: work
// CHECK: double sq[4];
GRADC_GRAD
double square_sum(const double v[4]) {
  double sq[4];
  for (int i = 0; i < 4; ++i) sq[i] = v[i] * v[i];
  return sq[0] + sq[1] + sq[2] + sq[3];
}

// f_pullback and f_grad move the same arrays: one signature (fuzz seed 1007
// found f_grad past the limit and f_pullback under it).
// CHECK-LABEL: inline void outer_pullback(const double* v, double d_ret, double* GRADC_RESTRICT d_v, void* work, std::size_t work_bytes) {
// CHECK: double* scale = reinterpret_cast<double*>(next);
// CHECK-LABEL: inline double outer_grad(const double* v, double* GRADC_RESTRICT d_v, void* work, std::size_t work_bytes) {
// CHECK: double* scale = reinterpret_cast<double*>(next);
// CHECK: double w[4];
GRADC_GRAD
double outer(const double v[4]) {
  double w[4], scale[4];
  for (int i = 0; i < 4; ++i) scale[i] = 1.0 + 0.5 * i;
  for (int i = 0; i < 4; ++i) w[i] = scale[i] * v[i];
  return square_sum(w) + std::sin(w[1]);
}
