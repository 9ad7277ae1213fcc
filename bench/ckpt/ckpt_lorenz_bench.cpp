// Gradient/primal time of Lorenz (explicit Euler, run-time steps) under
// storage budgets of 4..64 slots of 28 bytes, and unbudgeted (one state per
// step in the work buffer), with the steps each gradient runs again
// (gradc/revolve.h). docs/checkpointing.md has the numbers and how to run:
//   gradc ckpt_lorenz_bench.cpp -o ckpt_lorenz_bench.hpp -- -std=c++17 -I../../runtime/include
//   g++ -std=c++17 -O2 -I../../runtime/include -DGRADC_BENCH_MAIN ckpt_lorenz_bench.cpp -o bench && ./bench
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

#define LORENZ_BUDGETED(name, bytes)                                                                                  \
  GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)                                                                        \
  double name(double x0, double y0, double z0, double sigma, double rho, double beta, double dt, int steps) {        \
    GRADC_STORAGE_BUDGET(bytes);                                                                                      \
    return lorenz_euler(x0, y0, z0, sigma, rho, beta, dt, steps);                                                    \
  }
LORENZ_BUDGETED(lorenz4, 4 * 28)
LORENZ_BUDGETED(lorenz8, 8 * 28)
LORENZ_BUDGETED(lorenz16, 16 * 28)
LORENZ_BUDGETED(lorenz32, 32 * 28)
LORENZ_BUDGETED(lorenz64, 64 * 28)

GRADC_GRAD_WRT(x0, y0, z0, sigma, rho, beta)
double lorenz_full(double x0, double y0, double z0, double sigma, double rho, double beta, double dt, int steps) {
  return lorenz_euler(x0, y0, z0, sigma, rho, beta, dt, steps);
}

#ifdef GRADC_BENCH_MAIN
#include "ckpt_lorenz_bench.hpp"
#include <gradc/revolve.h>

#include <chrono>
#include <cstdio>
#include <vector>

template <class F>
double nsPerCall(F&& f) {
  using clock = std::chrono::steady_clock;
  int reps = 1;
  for (;;) {
    auto t0 = clock::now();
    for (int r = 0; r < reps; ++r) f();
    double ns = std::chrono::duration<double, std::nano>(clock::now() - t0).count();
    if (ns > 2e8) return ns / reps;
    reps *= 2;
  }
}

volatile double sink;

int main() {
  const double p[6] = {1.0, 1.5, 20.0, 10.0, 28.0, 8.0 / 3.0};
  const double dt = 1e-5;
  using Grad = double (*)(double, double, double, double, double, double, double, int, double*, double*, double*,
                          double*, double*, double*, void*, std::size_t);
  using Bytes = std::size_t (*)(int);
  struct Case {
    const char* name;
    int slots;
    Grad grad;
    Bytes bytes;
  } cases[] = {{"4 slots", 4, lorenz4_grad, lorenz4_grad_work_bytes},
               {"8 slots", 8, lorenz8_grad, lorenz8_grad_work_bytes},
               {"16 slots", 16, lorenz16_grad, lorenz16_grad_work_bytes},
               {"32 slots", 32, lorenz32_grad, lorenz32_grad_work_bytes},
               {"64 slots", 64, lorenz64_grad, lorenz64_grad_work_bytes},
               {"unbudgeted", 0, lorenz_full_grad, lorenz_full_grad_work_bytes}};
  std::printf("| steps | storage | work bytes | step runs / n (about) | gradient/primal time |\n");
  std::printf("|---|---|---|---|---|\n");
  for (int steps : {10000, 100000}) {
    double primal = nsPerCall([&] { sink = lorenz_full(p[0], p[1], p[2], p[3], p[4], p[5], dt, steps); });
    for (const Case& c : cases) {
      std::vector<double> work(c.bytes(steps) / sizeof(double) + 1);
      double g[6];
      double ns = nsPerCall([&] {
        sink = c.grad(p[0], p[1], p[2], p[3], p[4], p[5], dt, steps, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5],
                      work.data(), c.bytes(steps));
      });
      // Unbudgeted: each step forward, and again when reversed (its values).
      // Budgeted: the binomial optimum, 1 + advances / n (the forward sweep
      // does the first advance; gradc is within 1% of it, see
      // docs/checkpointing.md).
      double runs = c.slots ? 1.0 + static_cast<double>(gradc_revolve_advances(steps, c.slots)) / steps : 2.0;
      std::printf("| %d | %s | %zu | %.2f | %.2f |\n", steps, c.name, c.bytes(steps), runs, ns / primal);
    }
  }
  return 0;
}
#endif
