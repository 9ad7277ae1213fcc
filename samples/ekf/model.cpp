// The pendulum and its sensor, written as a user writes them; gradc generates
// their Jacobians (pendulum_step_jacobian, measure_jacobian) into
// model.grad.hpp, w.r.t. the state only.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace ekf {

namespace {

// The pendulum's vector field at state s.
void rates(const real s[kStates], real ds[kStates]) {
  ds[0] = s[1];
  ds[1] = -(kGravity / kLength) * std::sin(s[0]) - kDamping * s[1];
}

}  // namespace

GRADC_JACOBIAN_WRT(x)
void pendulum_step(const real x[kStates], real dt, real x_next[kStates]) {
  real k1[kStates], k2[kStates], k3[kStates], k4[kStates], s[kStates];
  rates(x, k1);
  for (int i = 0; i < kStates; ++i) s[i] = x[i] + real(0.5) * dt * k1[i];
  rates(s, k2);
  for (int i = 0; i < kStates; ++i) s[i] = x[i] + real(0.5) * dt * k2[i];
  rates(s, k3);
  for (int i = 0; i < kStates; ++i) s[i] = x[i] + dt * k3[i];
  rates(s, k4);
  for (int i = 0; i < kStates; ++i)
    x_next[i] = x[i] + dt / real(6) * (k1[i] + real(2) * k2[i] + real(2) * k3[i] + k4[i]);
}

GRADC_JACOBIAN_WRT(x)
void measure(const real x[kStates], real z[kMeasurements]) {
  const real dx = kLength * std::sin(x[0]) - kSensorX;
  const real dy = -kLength * std::cos(x[0]) - kSensorY;
  z[0] = std::sqrt(dx * dx + dy * dy);
  z[1] = std::atan2(dy, dx);
}

}  // namespace ekf
