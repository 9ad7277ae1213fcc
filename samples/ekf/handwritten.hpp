// The pendulum's Jacobians by hand, the way an EKF author writes them: the
// tangent-linear RK4 (each stage's 2x2 Jacobian carried along with the stage)
// and the range/bearing derivatives worked out on paper. One sin and one cos
// per stage, the primal computed once. Row-major 2x2, like the generated ones.
#ifndef GRADC_SAMPLES_EKF_HANDWRITTEN_HPP
#define GRADC_SAMPLES_EKF_HANDWRITTEN_HPP

#include "model.hpp"

#include <cmath>

namespace ekf_hand {

using ekf::real;

// ds = rates(s); A = d rates / d s = [[0, 1], [-(g/l) cos s0, -c]], times M (2x2): AM = A M.
inline void RatesTimes(const real s[2], const real M[4], real ds[2], real AM[4]) {
  const real w = ekf::kGravity / ekf::kLength;
  ds[0] = s[1];
  ds[1] = -w * std::sin(s[0]) - ekf::kDamping * s[1];
  const real a = -w * std::cos(s[0]);
  AM[0] = M[2];
  AM[1] = M[3];
  AM[2] = a * M[0] - ekf::kDamping * M[2];
  AM[3] = a * M[1] - ekf::kDamping * M[3];
}

// x_next = RK4 step from x; F = d x_next / d x.
inline void PendulumStepJacobian(const real x[2], real dt, real x_next[2], real F[4]) {
  const real I[4] = {1, 0, 0, 1};
  real k1[2], k2[2], k3[2], k4[2], K1[4], K2[4], K3[4], K4[4], s[2], S[4];
  RatesTimes(x, I, k1, K1);
  for (int i = 0; i < 2; ++i) s[i] = x[i] + real(0.5) * dt * k1[i];
  for (int i = 0; i < 4; ++i) S[i] = I[i] + real(0.5) * dt * K1[i];
  RatesTimes(s, S, k2, K2);
  for (int i = 0; i < 2; ++i) s[i] = x[i] + real(0.5) * dt * k2[i];
  for (int i = 0; i < 4; ++i) S[i] = I[i] + real(0.5) * dt * K2[i];
  RatesTimes(s, S, k3, K3);
  for (int i = 0; i < 2; ++i) s[i] = x[i] + dt * k3[i];
  for (int i = 0; i < 4; ++i) S[i] = I[i] + dt * K3[i];
  RatesTimes(s, S, k4, K4);
  for (int i = 0; i < 2; ++i) x_next[i] = x[i] + dt / real(6) * (k1[i] + real(2) * k2[i] + real(2) * k3[i] + k4[i]);
  for (int i = 0; i < 4; ++i) F[i] = I[i] + dt / real(6) * (K1[i] + real(2) * K2[i] + real(2) * K3[i] + K4[i]);
}

// z = (range, bearing) of the bob from the sensor; H = d z / d x. The rate
// does not move the bob: H's second column is zero.
inline void MeasureJacobian(const real x[2], real z[2], real H[4]) {
  const real sn = std::sin(x[0]), cs = std::cos(x[0]);
  const real dx = ekf::kLength * sn - ekf::kSensorX;
  const real dy = -ekf::kLength * cs - ekf::kSensorY;
  const real r2 = dx * dx + dy * dy;
  const real r = std::sqrt(r2);
  z[0] = r;
  z[1] = std::atan2(dy, dx);
  const real ddx = ekf::kLength * cs, ddy = ekf::kLength * sn;  // d(dx)/dtheta, d(dy)/dtheta
  H[0] = (dx * ddx + dy * ddy) / r;
  H[1] = 0;
  H[2] = (dx * ddy - dy * ddx) / r2;
  H[3] = 0;
}

}  // namespace ekf_hand

#endif  // GRADC_SAMPLES_EKF_HANDWRITTEN_HPP
