// The fitting problem shared by the training (train.cpp, host and board), the
// host test and the benchmark: a trajectory of the Lorenz system observed at
// 40 times over one time unit from a known initial state, and a starting
// guess for its parameters.
#ifndef GRADC_SAMPLES_LORENZ_FIT_PROBLEM_HPP
#define GRADC_SAMPLES_LORENZ_FIT_PROBLEM_HPP

namespace lorenz_fit {

constexpr double kDt = 0.0005;  // RK4 step
constexpr int kSteps = 2000;    // t = 1: about one Lyapunov time, a loss smooth enough to descend
constexpr int kEvery = 50;      // an observation every 50 steps
constexpr int kObservations = kSteps / kEvery;

// sigma, rho, beta: what the observations come from, and the guess.
constexpr int kParams = 3;
constexpr double kTruth[kParams] = {10.0, 28.0, 8.0 / 3.0};
constexpr double kGuess[kParams] = {8.0, 24.0, 2.0};
constexpr double kInitial[3] = {-5.0, -7.0, 20.0};  // x0, y0, z0, observed

// Observations: lorenz_fit_hand::Observe (handwritten.hpp) with kTruth.

}  // namespace lorenz_fit

#endif  // GRADC_SAMPLES_LORENZ_FIT_PROBLEM_HPP
