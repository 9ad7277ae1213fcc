// --storage-budget=40 on the command line: the loop's state (x, 8 bytes,
// and the step number, 4) fits 3 slots. The forward sweep keeps the entry
// state and the states the binomial schedule (gradc_revolve_split) chooses;
// for each step, last first, the reverse sweep restores the newest slot,
// advances to the step keeping states where the schedule says, then runs the
// step's reverse on the state it reached.
// RUN: %gradc %s -o %t.hpp --storage-budget=40 -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double decay(double a, double x0, int n) {
  double x = x0;
  for (int k = 0; k < n; ++k) x = x - 0.1 * a * std::sin(x);
  return x;
}

// CHECK-LABEL: inline std::size_t decay_grad_work_bytes(int /*n*/) {
// CHECK-NEXT:   std::size_t bytes = sizeof(double) * static_cast<std::size_t>(3);
// CHECK-NEXT:   bytes = gradc::align_up<int>(bytes) + sizeof(int) * static_cast<std::size_t>(3);
// CHECK-LABEL: inline double decay_grad(
// CHECK:        // line {{[0-9]+}}: checkpointed: 3 slots of 12 bytes in 40 bytes (gradc/revolve.h)
// CHECK-NEXT:   int kept_top = 0;
// CHECK-NEXT:   k_kept_at[0] = 0;
// CHECK-NEXT:   x_kept[0] = x;
// CHECK-NEXT:   int k_next = gradc_revolve_split(n, 2 - kept_top);
// CHECK-NEXT:   // line {{[0-9]+}}: for (int k = 0; k < n; ++k)
// CHECK-NEXT:   for (int k = 0; k < n; ++k) {
// CHECK-NEXT:     // line {{[0-9]+}}: keep the state at the steps gradc_revolve_split chooses
// CHECK-NEXT:     if (k == k_next) {
// CHECK-NEXT:       kept_top = kept_top + 1;
// CHECK-NEXT:       k_kept_at[kept_top] = k;
// CHECK-NEXT:       x_kept[kept_top] = x;
// CHECK-NEXT:       k_next = k + gradc_revolve_split(n - k, 2 - kept_top);
// CHECK-NEXT:     }
// CHECK-NEXT:     // line {{[0-9]+}}: x = x - 0.1 * a * std::sin(x)
// CHECK-NEXT:     x = x - 0.1 * a * std::sin(x);
// CHECK-NEXT:   }
// CHECK:        for (int k = n - 1; k >= 0; --k) {
// CHECK-NEXT:     // line {{[0-9]+}}: restore the newest kept state (steps run again: about gradc_revolve_advances(n, 3))
// CHECK-NEXT:     int k_from = k_kept_at[kept_top];
// CHECK-NEXT:     x = x_kept[kept_top];
// CHECK-NEXT:     int [[NEXT:k_next_[0-9]+]] = k_from + gradc_revolve_split(k + 1 - k_from, 2 - kept_top);
// CHECK-NEXT:     // line {{[0-9]+}}: advance from the newest kept state, keeping states where the schedule says
// CHECK-NEXT:     for (int [[J:k_[0-9]+]] = k_from; [[J]] < k; ++[[J]]) {
// CHECK-NEXT:       if ([[J]] == [[NEXT]]) {
// CHECK-NEXT:         kept_top = kept_top + 1;
// CHECK-NEXT:         k_kept_at[kept_top] = [[J]];
// CHECK-NEXT:         x_kept[kept_top] = x;
// CHECK-NEXT:         [[NEXT]] = [[J]] + gradc_revolve_split(k + 1 - [[J]], 2 - kept_top);
// CHECK-NEXT:       }
// CHECK-NEXT:       // line {{[0-9]+}}: x = x - 0.1 * a * std::sin(x)
// CHECK-NEXT:       x = x - 0.1 * a * std::sin(x);
// CHECK-NEXT:     }
// CHECK-NEXT:     // line {{[0-9]+}}: x = x - 0.1 * a * std::sin(x)
// CHECK-NEXT:     double d_t0 = -d_x;
// CHECK-NEXT:     d_x += d_t0 * (0.1 * a) * std::cos(x);
// CHECK-NEXT:     d_a_1 += d_t0 * std::sin(x) * 0.1;
// CHECK-NEXT:     // line {{[0-9]+}}: a kept state is free once its step is reversed
// CHECK-NEXT:     if (k_kept_at[kept_top] == k) {
// CHECK-NEXT:       kept_top = kept_top - 1;
// CHECK-NEXT:     }
// CHECK-NEXT:   }

// A float state and a long counter: the schedule's int arguments are cast
// (a run beyond INT_MAX steps would only keep fewer states).
GRADC_GRAD
float decayf(float a, float x0, long n) {
  float x = x0;
  for (long k = 0; k < n; ++k) x = x - 0.1f * a * std::sin(x);
  return x;
}
// CHECK-LABEL: inline float decayf_grad(
// CHECK:        checkpointed: 3 slots of 12 bytes in 40 bytes
// CHECK:        long k_next = gradc_revolve_split(static_cast<int>(n), 2 - kept_top);

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  for (int n : {0, 1, 2, 3, 4, 5, 9, 10, 50, 500}) {
    std::vector<double> p = {0.7, 1.2}, g(2, 0.0);
    std::size_t bytes = decay_grad_work_bytes(n);
    if (bytes > 40) std::printf("FAIL: %d steps: %zu bytes, over the budget of 40\n", n, bytes), bad = 1;
    std::vector<double> work(bytes / sizeof(double) + 1);
    decay_grad(p[0], p[1], n, &g[0], &g[1], work.data(), bytes);
    bad |= !reportGradient("decay", p, g, [&] { return decay(p[0], p[1], n); });
  }
  for (long n : {0L, 1L, 4L, 30L}) {
    float g[2] = {0.0f, 0.0f};
    std::vector<double> work(decayf_grad_work_bytes(n) / sizeof(double) + 1);
    decayf_grad(0.7f, 1.2f, n, &g[0], &g[1], work.data(), decayf_grad_work_bytes(n));
    // The same recurrence in double, by central differences.
    auto f = [&](double a, double x) {
      for (long k = 0; k < n; ++k) x = x - 0.1 * a * std::sin(x);
      return x;
    };
    const double h = 1e-6, da = (f(0.7 + h, 1.2) - f(0.7 - h, 1.2)) / (2 * h), dx = (f(0.7, 1.2 + h) - f(0.7, 1.2 - h)) / (2 * h);
    if (std::fabs(g[0] - da) > 1e-4 || std::fabs(g[1] - dx) > 1e-4 || decayf_grad_work_bytes(n) > 40) {
      std::printf("FAIL: decayf, %ld steps: %g %g vs %g %g\n", n, (double)g[0], (double)g[1], da, dx);
      bad = 1;
    }
  }
  return bad;
}
#endif
