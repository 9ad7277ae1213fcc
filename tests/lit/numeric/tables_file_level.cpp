// File-level `constexpr` and `static const` arrays, 1-D and 2-D, read in loops
// with a run-time index: re-emitted into namespace gradc_src with their values.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

constexpr double W[3] = {1.5, -2.0, 0.25};
static const double M[2][3] = {{1.0, 2.0, 3.0}, {-1.0, 0.5}};  // M[1][2] is zero
constexpr int perm[3] = {2, 0, 1};

namespace model {
constexpr float kGain[2] = {2.0f, 0.5f};

GRADC_GRAD
float scaled(const float* x) {
  float s = 0;
  for (int i = 0; i < 2; ++i) s += kGain[i] * x[i] * x[i];
  return s;
}
}  // namespace model

// CHECK: namespace model {
// CHECK-NEXT: namespace gradc_src {
// CHECK-NEXT: constexpr float kGain[2] = {2.0f, 0.5f};
// CHECK: namespace gradc_src {
// CHECK-DAG: constexpr double W[3] = {1.5, -2.0, 0.25};
// CHECK-DAG: constexpr double M[2][3] = {{[{][{]}}1.0, 2.0, 3.0}, {-1.0, 0.5}};
// CHECK-DAG: constexpr int perm[3] = {2, 0, 1};
// CHECK-LABEL: inline float scaled_grad(
// CHECK: gradc_src::kGain[i] * x[i] * x[i]
// CHECK-LABEL: inline double table_grad(
// CHECK: gradc_src::W[i] *
// CHECK: gradc_src::M[r][c]
// CHECK: x[gradc_src::perm[i]]
GRADC_GRAD
double table(const double* x) {
  double s = 0;
  for (int i = 0; i < 3; ++i) s += W[i] * x[i] * x[i];
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) s += M[r][c] * x[c] * x[r];
  for (int i = 0; i < 3; ++i) s += x[perm[i]] * x[i] * W[perm[i]];
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double x[3] = {0.7, -1.3, 0.4}, g[3] = {};
  table_grad(x, g);
  double e1 = worstRelativeError(x, g, 3, [&] { return table(x); });
  float xf[2] = {0.7f, -1.3f}, gf[2] = {};
  model::scaled_grad(xf, gf);
  // (float: the exact gradient is 2 * kGain[i] * x[i])
  double e2 = std::fmax(std::fabs(gf[0] - 2 * 2.0f * 0.7f), std::fabs(gf[1] - 2 * 0.5f * -1.3f));
  std::printf("largest errors: %.2e %.2e\n", e1, e2);
  return e1 < 1e-8 && e2 < 1e-6 ? 0 : 1;
}
#endif
