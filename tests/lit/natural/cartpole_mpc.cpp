// A cart-pole MPC cost as a control engineer writes it (issue 23's first
// model, from the cart-pole equations of Barto, Sutton & Anderson 1983):
// std::array state, a helper returning the next state, a helper taking it by
// const reference, a run-time horizon. gradc takes it unchanged; its gradient
// matches a hand-written adjoint and central differences, and allocates nothing.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <array>
#include <cmath>

namespace mpc {

using State = std::array<double, 4>;  // cart position, cart velocity, pole angle, pole angular velocity

constexpr double kCartMass = 1.0, kPoleMass = 0.1, kHalfLength = 0.5, kGravity = 9.81, kDt = 0.02;

// One explicit Euler step of the cart-pole.
State step(const State& s, double force) {
  const double sin_t = std::sin(s[2]), cos_t = std::cos(s[2]);
  const double total = kCartMass + kPoleMass;
  const double temp = (force + kPoleMass * kHalfLength * s[3] * s[3] * sin_t) / total;
  const double theta_acc =
      (kGravity * sin_t - cos_t * temp) / (kHalfLength * (4.0 / 3.0 - kPoleMass * cos_t * cos_t / total));
  const double x_acc = temp - kPoleMass * kHalfLength * theta_acc * cos_t / total;
  return {s[0] + kDt * s[1], s[1] + kDt * x_acc, s[2] + kDt * s[3], s[3] + kDt * theta_acc};
}

double stage_cost(const State& s, double u) {
  return s[0] * s[0] + 0.1 * s[1] * s[1] + 10.0 * s[2] * s[2] + 0.1 * s[3] * s[3] + 0.01 * u * u;
}

// CHECK: inline std::size_t mpc_cost_grad_work_bytes(int horizon)
// CHECK: inline double mpc_cost_grad(const mpc::State& x, const double* u, int horizon, double* GRADC_RESTRICT d_u, void* work, std::size_t work_bytes)
GRADC_GRAD_WRT(u)
double mpc_cost(State x, const double* u, int horizon) {
  double cost = 0.0;
  for (int k = 0; k < horizon; ++k) {
    cost += stage_cost(x, u[k]);
    x = step(x, u[k]);
  }
  return cost + 100.0 * (x[2] * x[2] + x[3] * x[3]);
}

}  // namespace mpc

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using mpc::State;
constexpr int kMaxHorizon = 64;

// The adjoint by hand: forward rollout keeping each state, then the steps
// backwards (the chain rule through temp, theta_acc and x_acc written out).
double by_hand(State x, const double* u, int horizon, double* d_u) {
  using namespace mpc;
  std::array<State, kMaxHorizon + 1> xs;
  double cost = 0.0;
  for (int k = 0; k < horizon; ++k) {
    xs[k] = x;
    cost += stage_cost(x, u[k]);
    x = step(x, u[k]);
  }
  cost += 100.0 * (x[2] * x[2] + x[3] * x[3]);
  State a = {0.0, 0.0, 200.0 * x[2], 200.0 * x[3]};  // d cost / d x_H
  const double total = kCartMass + kPoleMass, ml = kPoleMass * kHalfLength;
  for (int k = horizon - 1; k >= 0; --k) {
    const State& s = xs[k];
    const double sin_t = std::sin(s[2]), cos_t = std::cos(s[2]);
    const double temp = (u[k] + ml * s[3] * s[3] * sin_t) / total;
    const double den = kHalfLength * (4.0 / 3.0 - kPoleMass * cos_t * cos_t / total);
    const double theta_acc = (kGravity * sin_t - cos_t * temp) / den;
    State d = {a[0], a[0] * kDt + a[1], a[2], a[2] * kDt + a[3]};
    const double d_xacc = a[1] * kDt;
    double d_tacc = a[3] * kDt, d_temp = d_xacc, d_cos = -d_xacc * ml * theta_acc / total, d_sin = 0.0;
    d_tacc += -d_xacc * ml * cos_t / total;
    const double d_num = d_tacc / den, d_den = -d_tacc * theta_acc / den;
    d_sin += d_num * kGravity;
    d_cos += -d_num * temp + d_den * kHalfLength * (-2.0 * kPoleMass * cos_t / total);
    d_temp += -d_num * cos_t;
    d_u[k] += d_temp / total + 0.02 * u[k];
    d[3] += d_temp * ml * 2.0 * s[3] * sin_t / total;
    d_sin += d_temp * ml * s[3] * s[3] / total;
    d[2] += d_sin * cos_t - d_cos * sin_t;
    // the stage cost's own terms
    d[0] += 2.0 * s[0];
    d[1] += 0.2 * s[1];
    d[2] += 20.0 * s[2];
    d[3] += 0.2 * s[3];
    a = d;
  }
  return cost;
}

}  // namespace

int main() {
  int bad = 0;
  for (int horizon : {1, 5, 40}) {
    const State x0 = {0.1, -0.2, 0.3, 0.05};
    std::vector<double> u(horizon), d_u(horizon, 0.0), d_hand(horizon, 0.0);
    for (int k = 0; k < horizon; ++k) u[k] = 0.5 * std::sin(0.7 * k + 0.3);
    const std::size_t bytes = mpc::mpc_cost_grad_work_bytes(horizon);
    std::vector<unsigned char> storage(bytes + alignof(double));
    void* work = storage.data() + (alignof(double) - reinterpret_cast<std::uintptr_t>(storage.data()) % alignof(double)) % alignof(double);
    const long allocations = ode_alloc::Count();
    const double value = mpc::mpc_cost_grad(x0, u.data(), horizon, d_u.data(), work, bytes);
    const long during = ode_alloc::Count() - allocations;
    const double hand = by_hand(x0, u.data(), horizon, d_hand.data());
    double vs_hand = 0.0;
    for (int k = 0; k < horizon; ++k)
      vs_hand = std::fmax(vs_hand, std::fabs(d_u[k] - d_hand[k]) / std::fmax(1.0, std::fabs(d_hand[k])));
    const double vs_fd = worstRelativeError(u, d_u, [&] { return mpc::mpc_cost(x0, u.data(), horizon); });
    std::printf("horizon %2d: cost %.6f (hand %.6f), vs hand-written %.1e, vs central differences %.1e, "
                "%ld allocations, %zu work bytes\n", horizon, value, hand, vs_hand, vs_fd, during, bytes);
    bad |= !(std::fabs(value - mpc::mpc_cost(x0, u.data(), horizon)) <= 0.0) || !(vs_hand < 1e-12) ||
           !(vs_fd < 1e-5) || during != 0;  // (FD: cost ~7e3 times 1e-16 over h = 1e-6)
  }
  return bad;
}
#endif
