// Lorenz by classical RK4, four stages per step, under storage budgets:
// a fixed step count (5,000: its tape would take 120,000 bytes) in 512
// bytes, and a run-time one in 3 slots (a budget of 3 states of 28 bytes),
// where most steps are recomputed many times. Both equal the unbudgeted
// gradient bit for bit and match central differences; the work buffer
// stays within the budget whatever the step count.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

inline double rk4(double x0, double y0, double z0, double sigma, double rho, double beta, double h, int steps) {
  double x = x0, y = y0, z = z0;
  for (int k = 0; k < steps; ++k) {
    double ax = sigma * (y - x), ay = x * (rho - z) - y, az = x * y - beta * z;
    double x2 = x + 0.5 * h * ax, y2 = y + 0.5 * h * ay, z2 = z + 0.5 * h * az;
    double bx = sigma * (y2 - x2), by = x2 * (rho - z2) - y2, bz = x2 * y2 - beta * z2;
    double x3 = x + 0.5 * h * bx, y3 = y + 0.5 * h * by, z3 = z + 0.5 * h * bz;
    double cx = sigma * (y3 - x3), cy = x3 * (rho - z3) - y3, cz = x3 * y3 - beta * z3;
    double x4 = x + h * cx, y4 = y + h * cy, z4 = z + h * cz;
    double dx = sigma * (y4 - x4), dy = x4 * (rho - z4) - y4, dz = x4 * y4 - beta * z4;
    x = x + h / 6.0 * (ax + 2.0 * bx + 2.0 * cx + dx);
    y = y + h / 6.0 * (ay + 2.0 * by + 2.0 * cy + dy);
    z = z + h / 6.0 * (az + 2.0 * bz + 2.0 * cz + dz);
  }
  return x * y + z;
}

const int kSteps = 5000;

// CHECK-LABEL: inline std::size_t rk4_fixed_grad_work_bytes(
// CHECK-LABEL: inline double rk4_fixed_grad(
// CHECK: checkpointed: 18 slots of 28 bytes in 512 bytes
GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double rk4_fixed(double x0, double y0, double z0, double sigma, double rho, double beta, double h) {
  GRADC_STORAGE_BUDGET(512);
  return rk4(x0, y0, z0, sigma, rho, beta, h, kSteps);
}

GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double rk4_fixed_full(double x0, double y0, double z0, double sigma, double rho, double beta, double h) {
  return rk4(x0, y0, z0, sigma, rho, beta, h, kSteps);
}

// CHECK-LABEL: inline double rk4_steps_grad(
// CHECK: checkpointed: 3 slots of 28 bytes in 84 bytes
GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double rk4_steps(double x0, double y0, double z0, double sigma, double rho, double beta, double h, int steps) {
  GRADC_STORAGE_BUDGET(84);
  return rk4(x0, y0, z0, sigma, rho, beta, h, steps);
}

GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double rk4_steps_full(double x0, double y0, double z0, double sigma, double rho, double beta, double h, int steps) {
  return rk4(x0, y0, z0, sigma, rho, beta, h, steps);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"
#include <cstdio>
#include <cstring>
#include <vector>

static int same(const char* what, int steps, double v, double vf, const std::vector<double>& g,
                const std::vector<double>& full) {
  if (v == vf && std::memcmp(g.data(), full.data(), sizeof(double) * g.size()) == 0) return 1;
  std::printf("FAIL: %s, %d steps: the checkpointed gradient differs from the unbudgeted one\n", what, steps);
  for (size_t k = 0; k < g.size(); ++k) std::printf("  %zu: %.17g vs %.17g\n", k, g[k], full[k]);
  return 0;
}

int main() {
  int bad = 0;
  const std::vector<double> p0 = {1.0, 1.5, 20.0, 10.0, 28.0, 8.0 / 3.0};
  {
    std::vector<double> p = p0, g(6, 0.0), full(6, 0.0);
    const double h = 1e-4;
    std::size_t bytes = rk4_fixed_grad_work_bytes();
    if (bytes > 512) std::printf("FAIL: rk4_fixed takes %zu bytes, over its budget\n", bytes), bad = 1;
    std::vector<double> work(bytes / sizeof(double) + 1);
    double v = rk4_fixed_grad(p[0], p[1], p[2], p[3], p[4], p[5], h, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5],
                              work.data(), bytes);
    // (its tapes, 120,000 bytes, pass the 64 KiB frame limit: the work buffer
    // holds the largest until the rest fit)
    std::size_t fbytes = rk4_fixed_full_grad_work_bytes();
    if (fbytes < 120000 - 65536) std::printf("FAIL: rk4_fixed_full keeps %zu bytes in its work buffer\n", fbytes), bad = 1;
    std::vector<double> fwork(fbytes / sizeof(double) + 1);
    double vf = rk4_fixed_full_grad(p[0], p[1], p[2], p[3], p[4], p[5], h, &full[0], &full[1], &full[2], &full[3],
                                    &full[4], &full[5], fwork.data(), fbytes);
    bad |= !same("rk4_fixed", kSteps, v, vf, g, full);
    bad |= !reportGradient("rk4_fixed", p, g, [&] { return rk4_fixed(p[0], p[1], p[2], p[3], p[4], p[5], h); });
  }
  for (int steps : {0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 20, 21, 100, 2000}) {
    std::vector<double> p = p0, g(6, 0.0), full(6, 0.0);
    const double h = 1e-3;
    std::size_t bytes = rk4_steps_grad_work_bytes(steps);
    if (bytes > 84) std::printf("FAIL: rk4_steps, %d steps: %zu bytes, over its budget\n", steps, bytes), bad = 1;
    std::vector<double> work(bytes / sizeof(double) + 1), fwork(rk4_steps_full_grad_work_bytes(steps) / sizeof(double) + 1);
    double v = rk4_steps_grad(p[0], p[1], p[2], p[3], p[4], p[5], h, steps, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5],
                              work.data(), bytes);
    double vf = rk4_steps_full_grad(p[0], p[1], p[2], p[3], p[4], p[5], h, steps, &full[0], &full[1], &full[2],
                                    &full[3], &full[4], &full[5], fwork.data(), rk4_steps_full_grad_work_bytes(steps));
    bad |= !same("rk4_steps", steps, v, vf, g, full);
    bad |= !reportGradient("rk4_steps", p, g, [&] { return rk4_steps(p[0], p[1], p[2], p[3], p[4], p[5], h, steps); });
  }
  return bad;
}
#endif
