// An adjoint array declared in a loop is zeroed only up to the extent its
// loops can touch (`for (k = 0; k < n + 1; ++k) d_a[k] = 0.0;`), not whole
// (cleanup/Extent.cpp): RK4 with stage arrays of a fixed maximum size, and a
// stencil reading a[i + 1] and a[0]. Against central differences, with the
// stack filled with NaN first, so an element the fill misses shows.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

constexpr int kMax = 256;

inline void rhs(int n, const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < n; ++i) ydot[i] = x[i] * y[i - 1];
}

GRADC_GRAD_WRT(x)
double rk4(const double* x, int n, int s) {
  const double h = 1.0 / s;
  double y[kMax];
  for (int i = 0; i < n; ++i) y[i] = 0.1 * i;
  for (int step = 0; step < s; ++step) {
    double k1[kMax], k2[kMax], tmp[kMax];
    rhs(n, x, y, k1);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + h * k1[i];
    rhs(n, x, tmp, k2);
    for (int i = 0; i < n; ++i) y[i] = y[i] + 0.5 * h * (k1[i] + k2[i]);
  }
  return y[n - 1] * y[0];
}

GRADC_GRAD_WRT(w)
double stencil(const double* w, int n) {
  double total = 0.0;
  for (int r = 0; r < 3; ++r) {
    double a[kMax];
    for (int i = 0; i < n + 1; ++i) a[i] = w[i] * (r + 1.0);
    double b[kMax];
    for (int i = 0; i < n; ++i) b[i] = a[i + 1] * a[i] - a[0];
    for (int i = 0; i < n; ++i) total += b[i] * b[i];
  }
  return total;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

// Leaves NaN where the gradient's frame will be.
double sink;
__attribute__((noinline)) void dirtyStack() {
  volatile double junk[4 * 8 * kMax];
  for (int i = 0; i < 4 * 8 * kMax; ++i) junk[i] = std::numeric_limits<double>::quiet_NaN();
  sink = junk[kMax];
}

int main() {
  double worst = 0;
  for (int n : {1, 5}) {
    double x[5] = {0.3, -1.2, 0.8, 2.0, -0.4}, dx[5] = {};
    std::vector<unsigned char> work(rk4_grad_work_bytes(n, 4));
    dirtyStack();
    rk4_grad(x, n, 4, dx, work.data(), work.size());
    worst = std::fmax(worst, worstRelativeError(x, dx, n, [&] { return rk4(x, n, 4); }));
  }
  for (int n : {1, 4}) {
    double w[5] = {0.9, -0.4, 0.2, 1.3, 0.6}, dw[5] = {};
    dirtyStack();
    stencil_grad(w, n, dw);
    worst = std::fmax(worst, worstRelativeError(w, dw, n + 1, [&] { return stencil(w, n); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
