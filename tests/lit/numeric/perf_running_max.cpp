// A running max/min keeps the index of its last update (one int), not one
// value per iteration (reverse/Extremum.cpp): the reverse sweep runs that
// iteration's reverse alone. Against central differences: the stable
// log-sum-exp, a running min of values computed in the iteration, and the
// log-sum-exp of each sample inside a jointed sample loop.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

constexpr int K = 4;

GRADC_GRAD
double lse(const double* x, int n) {
  double mx = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > mx) mx = x[i];
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(x[i] - mx);
  return std::log(sum) + mx;
}

// The minimum of w[i]^2 - 0.3 w[i], taken from a value computed first.
GRADC_GRAD
double lowest(const double* w, int n) {
  double lo = 1e30;
  for (int i = 0; i < n; ++i) {
    double v = w[i] * w[i] - 0.3 * w[i];
    if (v < lo) lo = v;
  }
  return 2.0 * lo + w[0];
}

GRADC_GRAD_WRT(a)
double mixture(const double* a, const double* x, int n) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    double z[K];
    for (int k = 0; k < K; ++k) z[k] = a[k] - 0.5 * (x[i] - a[K + k]) * (x[i] - a[K + k]);
    double m = z[0];
    for (int k = 1; k < K; ++k)
      if (z[k] > m) m = z[k];
    double s = 0.0;
    for (int k = 0; k < K; ++k) s += std::exp(z[k] - m);
    total += std::log(s) + m;
  }
  return total;
}

// Not running extrema: the branch's new value reads the old one (fuzz seed
// 1009, f8), and the update mixes it in; every iteration passes an adjoint on.
GRADC_GRAD
double damped(double y, const double* x) {
  for (int k = 0; k < 4; ++k)
    if (k != 1) y = 0.5 * std::sin(y) + x[k];
  return y * y;
}

GRADC_GRAD
double blended(double y, const double* x) {
  for (int k = 0; k < 4; ++k)
    if (x[k] > y) y = 0.5 * y + x[k];
  return y * y;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0;
  {
    double x[6] = {0.3, -1.2, 2.8, 2.0, -0.4, 1.1}, dx[6] = {};
    lse_grad(x, 6, dx);
    worst = std::fmax(worst, worstRelativeError(x, dx, 6, [&] { return lse(x, 6); }));
    double y[3] = {5.0, 1.0, 2.0}, dy[3] = {};  // the max first: no update, its adjoint reaches x[0]
    lse_grad(y, 3, dy);
    worst = std::fmax(worst, worstRelativeError(y, dy, 3, [&] { return lse(y, 3); }));
  }
  {
    double w[5] = {0.9, -0.4, 0.2, 1.3, 0.6}, dw[5] = {};
    lowest_grad(w, 5, dw);
    worst = std::fmax(worst, worstRelativeError(w, dw, 5, [&] { return lowest(w, 5); }));
  }
  {
    double a[2 * K] = {0.1, -0.3, 0.4, 0.0, -1.0, 0.2, 0.9, 1.7}, da[2 * K] = {};
    double x[5] = {0.3, -1.2, 0.8, 2.0, -0.4};
    mixture_grad(a, x, 5, da);
    worst = std::fmax(worst, worstRelativeError(a, da, 2 * K, [&] { return mixture(a, x, 5); }));
  }
  for (double y0 : {-1.0, 0.4, 3.0}) {
    double p[5] = {y0, 0.3, -1.2, 0.8, 2.0}, g[5] = {};
    damped_grad(p[0], p + 1, &g[0], g + 1);
    worst = std::fmax(worst, worstRelativeError(p, g, 5, [&] { return damped(p[0], p + 1); }));
    double q[5] = {y0, 0.3, -1.2, 0.8, 2.0}, h[5] = {};
    blended_grad(q[0], q + 1, &h[0], h + 1);
    worst = std::fmax(worst, worstRelativeError(q, h, 5, [&] { return blended(q[0], q + 1); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
