// Lorenz by explicit Euler over a run-time number of steps, under a storage
// budget of 256 bytes: the loop is checkpointed (binomial schedule, 9 slots
// of the state x, y, z and the step number), and its gradient equals the
// unbudgeted one bit for bit (the same operations, recomputed) and central
// differences; the work buffer stays within the budget for every trip count.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

inline double lorenz_euler(double x0, double y0, double z0, double sigma, double rho, double beta, double dt,
                           int steps) {
  double x = x0, y = y0, z = z0;
  for (int k = 0; k < steps; ++k) {
    double dx = sigma * (y - x);
    double dy = x * (rho - z) - y;
    double dz = x * y - beta * z;
    x = x + dt * dx;
    y = y + dt * dy;
    z = z + dt * dz;
  }
  return x + 0.5 * y + 0.25 * z;
}

// CHECK: #include <gradc/revolve.h>
// CHECK-LABEL: inline std::size_t lorenz_grad_work_bytes(
// CHECK-LABEL: inline double lorenz_grad(
// CHECK: checkpointed: 9 slots of 28 bytes in 256 bytes
GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double lorenz(double x0, double y0, double z0, double sigma, double rho, double beta, double dt, int steps) {
  GRADC_STORAGE_BUDGET(256);
  return lorenz_euler(x0, y0, z0, sigma, rho, beta, dt, steps);
}

GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double lorenz_full(double x0, double y0, double z0, double sigma, double rho, double beta, double dt, int steps) {
  return lorenz_euler(x0, y0, z0, sigma, rho, beta, dt, steps);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"
#include <cstdio>
#include <cstring>
#include <vector>

int main() {
  int bad = 0;
  for (int steps : {0, 1, 2, 3, 9, 10, 100, 1000, 10000}) {
    std::vector<double> p = {1.0, 1.5, 20.0, 10.0, 28.0, 8.0 / 3.0}, g(6, 0.0), full(6, 0.0);
    double dt = steps > 1000 ? 1e-4 : 1e-3;
    std::size_t bytes = lorenz_grad_work_bytes(steps);
    if (bytes > 256) {
      std::printf("FAIL: %d steps: the work buffer takes %zu bytes, over the budget of 256\n", steps, bytes);
      bad = 1;
    }
    std::vector<double> work(bytes / sizeof(double) + 1);
    double v = lorenz_grad(p[0], p[1], p[2], p[3], p[4], p[5], dt, steps, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5],
                           work.data(), bytes);
    std::vector<double> fwork(lorenz_full_grad_work_bytes(steps) / sizeof(double) + 1);
    double vf = lorenz_full_grad(p[0], p[1], p[2], p[3], p[4], p[5], dt, steps, &full[0], &full[1], &full[2], &full[3],
                                 &full[4], &full[5], fwork.data(), lorenz_full_grad_work_bytes(steps));
    if (v != vf || std::memcmp(g.data(), full.data(), sizeof(double) * 6) != 0) {
      std::printf("FAIL: %d steps: the checkpointed gradient differs from the unbudgeted one\n", steps);
      for (int k = 0; k < 6; ++k) std::printf("  %d: %.17g vs %.17g\n", k, g[k], full[k]);
      bad = 1;
    }
    if (steps <= 1000)
      bad |= !reportGradient("lorenz", p, g, [&] { return lorenz(p[0], p[1], p[2], p[3], p[4], p[5], dt, steps); });
  }
  return bad;
}
#endif
