// A damped pendulum observed by a range-and-bearing sensor: the model an
// extended Kalman filter (filter.hpp) linearizes at every step.
//
//   state        x = (theta, omega): angle from straight down (rad), angular rate (rad/s)
//   dynamics     theta' = omega, omega' = -(g / l) sin(theta) - c omega
//   one step     classic fourth-order Runge-Kutta over dt (pendulum_step)
//   measurement  z = (range, bearing) from the sensor at (kSensorX, kSensorY) to the bob
//
// `ekf::real` is float (the board's type) unless EKF_REAL says otherwise; the
// host's central-difference check builds the same source with EKF_REAL=double.
#ifndef GRADC_SAMPLES_EKF_MODEL_HPP
#define GRADC_SAMPLES_EKF_MODEL_HPP

#ifndef EKF_REAL
#define EKF_REAL float
#endif

namespace ekf {

using real = EKF_REAL;

constexpr int kStates = 2;
constexpr int kMeasurements = 2;

constexpr real kGravity = real(9.81);
constexpr real kLength = real(1.5);
constexpr real kDamping = real(0.25);
constexpr real kSensorX = real(2.0);
constexpr real kSensorY = real(0.5);

// x_next = RK4 step of the pendulum from x over dt.
void pendulum_step(const real x[kStates], real dt, real x_next[kStates]);

// z = (distance from the sensor to the bob, angle of the bob seen from the sensor).
void measure(const real x[kStates], real z[kMeasurements]);

}  // namespace ekf

#endif  // GRADC_SAMPLES_EKF_MODEL_HPP
