// Packed tangents padded to whole 32-byte vectors (forward/Directions.cpp):
// a float Jacobian of 6 columns holds 8 per element (`t_s[8]`), a double one
// of 5 holds 8 too (two vectors of 4). A loop that touches no row of J runs
// over all 8 columns; one that writes J stops at the real ones, and a
// tangent it writes that a later loop over 8 reads (the running state `s`) is
// declared zeroed, so the padded columns are never read unset. Checked
// against central differences, with J starting at NaN.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp

// CHECK-LABEL: inline void leaky_jacobian(
// CHECK: float t_s[8] = {};
// CHECK: for (int k = 0; k < 6; ++k) {
// CHECK: for (int d = 0; d < 6; ++d) {
// CHECK: J[k * 6 + d] = t_s[d];
// CHECK: t_s[d] =
// CHECK: if (s > 4.0f) {
// CHECK: for (int d = 0; d < 8; ++d) {
// CHECK: t_s[d] = 0.0f;
// CHECK: for (int d = 0; d < 8; ++d) {
// CHECK: t_s[d] = t_s[d] *
// CHECK-LABEL: inline void mix_jacobian(
// CHECK: double t_h[64];
// CHECK: for (int d = 0; d < 8; ++d) {
// CHECK: t_h[(i + 1) * 8 + d] =
// CHECK: for (int d = 0; d < 5; ++d) {
// CHECK: J[i * 5 + d] =
#include <gradc/gradc.h>

#include <cmath>

// A leaky integrator read out before each update (y[k] = s, then s moves
// towards u[k] through a tanh), clipped, and scaled by the input.
GRADC_JACOBIAN
void leaky(const float u[6], float y[6]) {
  float s = 0.25f;
  for (int k = 0; k < 6; ++k) {
    y[k] = s;
    s = 0.7f * s + 0.3f * std::tanh(u[k] + s);
    if (s > 4.0f) s = 4.0f;
    s = s * (1.0f + 0.1f * u[k]);
  }
}

// A recurrence over a hidden state, then a readout of every step.
GRADC_JACOBIAN
void mix(const double w[5], double out[7]) {
  double h[8];
  h[0] = 0.1;
  for (int i = 0; i < 7; ++i) h[i + 1] = std::sin(h[i] * w[i % 5]) + 0.5 * w[(i + 2) % 5];
  for (int i = 0; i < 7; ++i) out[i] = h[i + 1] * h[i + 1] + w[i % 5];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

int main() {
  bool ok = true;
  float u[6] = {0.3f, -0.2f, 0.9f, 0.1f, -0.7f, 0.4f}, y[6];
  std::vector<float> J(36, std::nanf(""));
  leaky_jacobian(u, y, J.data());
  // (central differences of leaky in double: float's would lose the digits)
  double ud[6];
  std::vector<double*> us;
  for (int k = 0; k < 6; ++k) ud[k] = u[k], us.push_back(&ud[k]);
  std::vector<double> fd = centralJacobian<double>(us, 6, [&](double* o) {
    double s = 0.25;
    for (int k = 0; k < 6; ++k) {
      o[k] = s;
      s = 0.7 * s + 0.3 * std::tanh(ud[k] + s);
      if (s > 4.0) s = 4.0;
      s = s * (1.0 + 0.1 * ud[k]);
    }
  });
  ok = report("leaky_jacobian (float) vs central differences", worstDifference(J.data(), fd.data(), 36), 1e-5) && ok;

  double w[5] = {0.8, -0.4, 1.3, 0.2, -0.9}, out[7];
  std::vector<double> K(35, std::nan(""));
  mix_jacobian(w, out, K.data());
  std::vector<double*> ws;
  for (double& v : w) ws.push_back(&v);
  std::vector<double> fdK = centralJacobian<double>(ws, 7, [&](double* o) { mix(w, o); });
  ok = report("mix_jacobian vs central differences", worstDifference(K.data(), fdK.data(), 35), 1e-7) && ok;
  return ok ? 0 : 1;
}
#endif
