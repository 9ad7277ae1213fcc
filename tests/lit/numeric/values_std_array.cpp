// std::array<T, N> as a value: locals (braces, `= {}`, copies), helpers
// taking and returning one (`x = step(x, u[k], p);`, the cart-pole MPC
// shape), operator[], size() and data(). Each gradient is checked against
// central differences, with run-time and constant trip counts.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <array>
#include <cmath>

using State = std::array<double, 4>;

struct Params {
  double dt, mc, mp, l;
};

// Cart-pole dynamics, one explicit Euler step.
static State step(const State& x, double u, const Params& p) {
  double s = std::sin(x[2]), c = std::cos(x[2]);
  double den = p.mc + p.mp * s * s;
  double xdd = (u + p.mp * s * (p.l * x[3] * x[3] + 9.81 * c)) / den;
  double tdd = (-u * c - p.mp * p.l * x[3] * x[3] * c * s - (p.mc + p.mp) * 9.81 * s) / (p.l * den);
  State next = x;
  next[0] += p.dt * x[1];
  next[1] += p.dt * xdd;
  next[2] += p.dt * x[3];
  next[3] += p.dt * tdd;
  return next;
}

static double quad(const double* v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}

GRADC_GRAD_WRT(u, x0)
double mpc_cost(const double* u, int horizon, double x0) {
  const Params p{0.05, 1.0, 0.1, 0.5};
  State x = {x0, 0.0, 0.3, 0.0};
  double cost = 0;
  for (int k = 0; k < horizon; ++k) {
    x = step(x, u[k], p);
    cost += quad(x.data(), static_cast<int>(x.size())) + 0.1 * u[k] * u[k];
  }
  return cost;
}

GRADC_GRAD
double mpc_fixed(const double* u) {
  const Params p{0.05, 1.0, 0.1, 0.5};
  State x{};
  x[2] = u[0];
  for (int k = 1; k < 6; ++k) x = step(x, u[k], p);
  double s = 0;
  for (std::size_t i = 0; i < x.size(); ++i) s += (i + 1.0) * x[i] * x[i];
  return s;
}

static std::array<double, 2> rot(std::array<double, 2> v, double t) {
  return {std::cos(t) * v[0] - std::sin(t) * v[1], std::sin(t) * v[0] + std::cos(t) * v[1]};
}

GRADC_GRAD
double rotations(double a, double b, double t) {
  std::array<double, 2> v{a, b};
  std::array<double, 2> w = rot(v, t);
  std::array<double, 2> z = w;
  z[1] *= a;
  v = rot(z, 2.0 * t);
  return v[0] * w[1] + v[1];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

#include "Inputs/central_difference.hpp"

int main() {
  int bad = 0;
  auto report = [&](const char* name, double err) {
    std::printf("%s: %.3g\n", name, err);
    if (!(err < 1e-6)) bad = 1;
  };
  {
    double u[8] = {0.3, -1.1, 0.8, 0.2, -0.4, 1.5, 0.1, -0.7}, du[8] = {}, x0 = 0.2, dx0 = 0;
    std::vector<unsigned char> work(mpc_cost_grad_work_bytes(8));
    mpc_cost_grad(u, 8, x0, du, &dx0, work.data(), work.size());
    report("mpc_cost u", worstRelativeError(u, du, 8, [&] { return mpc_cost(u, 8, x0); }));
    report("mpc_cost x0", worstRelativeError(&x0, &dx0, 1, [&] { return mpc_cost(u, 8, x0); }));
  }
  {
    double u[6] = {0.3, -1.1, 0.8, 0.2, -0.4, 1.5}, du[6] = {};
    mpc_fixed_grad(u, du);
    report("mpc_fixed", worstRelativeError(u, du, 6, [&] { return mpc_fixed(u); }));
  }
  {
    double p[3] = {0.7, -1.3, 0.4}, g[3] = {};
    rotations_grad(p[0], p[1], p[2], &g[0], &g[1], &g[2]);
    report("rotations", worstRelativeError(p, g, 3, [&] { return rotations(p[0], p[1], p[2]); }));
  }
  return bad;
}
#endif
