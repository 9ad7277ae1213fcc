// Checkpointed loops of other forms: a counter from 1 to n inclusive read by
// the body (a time-dependent force), a branch, an int carried along (a count
// of sign changes), and statements before and after the loop that overwrite
// its state. Bit for bit equal to the unbudgeted gradient and to central
// differences, within the budget (4 slots of 8 + 8 + 4 + 4 bytes). And two
// checkpointed loops in one function, sharing its budget. And a small loop
// whose tape fits the budget.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <cmath>

inline double forced(double a, double b, double v0, int n) {
  double x = a * 0.5, v = v0;
  int flips = 0;
  x = x * x;
  for (int k = 1; k <= n; ++k) {
    double f = -b * std::sin(x) + 0.1 * std::cos(0.01 * k);
    if (v * (v + 0.01 * f) < 0.0) {
      flips = flips + 1;
      f = f * 0.9;
    }
    v = v + 0.01 * f;
    x = x + 0.01 * v;
  }
  x = x * (1.0 + 0.001 * flips);
  return x + v * v;
}

// CHECK: checkpointed: 4 slots of 24 bytes in 96 bytes
GRADC_GRAD_WRT(a, b, v0)
double budgeted(double a, double b, double v0, int n) {
  GRADC_STORAGE_BUDGET(96);
  return forced(a, b, v0, n);
}

GRADC_GRAD_WRT(a, b, v0)
double unbudgeted(double a, double b, double v0, int n) { return forced(a, b, v0, n); }

// Two loops keep their states at once (the second's reverse runs first):
// they share the budget.
inline double twice(double a, int n) {
  double x = a;
  for (int k = 0; k < n; ++k) x = std::sin(x) + a;
  double y = x;
  for (int k = 0; k < n; ++k) y = std::cos(y) * a;
  return y;
}

// CHECK: checkpointed: 4 slots of 12 bytes in 50 bytes (100 shared by 2 loops)
GRADC_GRAD
double two_loops(double a, int n) {
  GRADC_STORAGE_BUDGET(100);
  return twice(a, n);
}

GRADC_GRAD
double two_loops_full(double a, int n) { return twice(a, n); }

// A tape that fits the budget is kept as usual (32 bytes here), but not the
// exp results beside it (32 more): under a budget they are recomputed.
// CHECK-LABEL: inline double fits_grad(
// CHECK:       double x_tape[4];
// CHECK-NOT:   _kept
// CHECK:       return fits;
GRADC_GRAD
double fits(double a, double x0) {
  GRADC_STORAGE_BUDGET(40);
  double x = x0;
  for (int k = 0; k < 4; ++k) x = std::exp(-a * x);
  return x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"
#include <cstdio>
#include <cstring>
#include <vector>

int main() {
  int bad = 0;
  for (int n : {0, 1, 2, 4, 5, 13, 400, 3000}) {
    std::vector<double> p = {1.3, 2.0, 0.4}, g(3, 0.0), full(3, 0.0);
    std::size_t bytes = budgeted_grad_work_bytes(n);
    if (bytes > 96) std::printf("FAIL: %d steps: %zu bytes, over the budget\n", n, bytes), bad = 1;
    std::vector<double> work(bytes / 8 + 1), fwork(unbudgeted_grad_work_bytes(n) / 8 + 1);
    double v = budgeted_grad(p[0], p[1], p[2], n, &g[0], &g[1], &g[2], work.data(), bytes);
    double vf = unbudgeted_grad(p[0], p[1], p[2], n, &full[0], &full[1], &full[2], fwork.data(),
                                unbudgeted_grad_work_bytes(n));
    if (v != vf || std::memcmp(g.data(), full.data(), sizeof(double) * 3) != 0) {
      std::printf("FAIL: %d steps: the checkpointed gradient differs from the unbudgeted one\n", n);
      bad = 1;
    }
    bad |= !reportGradient("forced", p, g, [&] { return budgeted(p[0], p[1], p[2], n); });
  }
  for (int n : {0, 1, 3, 8, 200}) {
    std::vector<double> p = {0.8}, g(1, 0.0), full(1, 0.0);
    std::size_t bytes = two_loops_grad_work_bytes(n);
    if (bytes > 100) std::printf("FAIL: two loops, %d steps: %zu bytes, over the budget\n", n, bytes), bad = 1;
    std::vector<double> work(bytes / 8 + 1), fwork(two_loops_full_grad_work_bytes(n) / 8 + 1);
    double v = two_loops_grad(p[0], n, &g[0], work.data(), bytes);
    double vf = two_loops_full_grad(p[0], n, &full[0], fwork.data(), two_loops_full_grad_work_bytes(n));
    if (v != vf || g[0] != full[0]) std::printf("FAIL: two loops, %d steps: differs from unbudgeted\n", n), bad = 1;
    bad |= !reportGradient("two_loops", p, g, [&] { return two_loops(p[0], n); });
  }
  std::vector<double> p = {0.9, 0.3}, g(2, 0.0);
  fits_grad(p[0], p[1], &g[0], &g[1]);
  bad |= !reportGradient("fits", p, g, [&] { return fits(p[0], p[1]); });
  return bad;
}
#endif
