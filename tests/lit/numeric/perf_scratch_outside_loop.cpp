// Scratch scalars declared before the loop that uses them are iteration-local
// when each iteration writes them before reading them (lower/Scratch.cpp):
// the gradients equal central differences whether the scratch is written
// first, read first (carried), written under a branch first, or read after
// the loop (both stay where they are declared).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD_WRT(mu, s)
double nll(const double* mu, const double* s, const double* x, int n, int k) {
  double total = 0.0;
  double diff = 0.0, z;
  for (int i = 0; i < n; ++i) {
    double acc = 0.0;
    for (int j = 0; j < k; ++j) {
      diff = (x[i] - mu[j]) * s[j];
      z = -0.5 * diff * diff;
      z = z + 0.1 * diff;  // a second write in the same iteration
      acc += std::exp(z);
    }
    total += std::log(acc);
  }
  return -total;
}

GRADC_GRAD_WRT(w)
double carried(const double* w, const double* x, int n) {
  double total = 0.0;
  double t = 1.0;
  for (int i = 0; i < n; ++i) {
    total += t * t;
    t = w[0] * x[i] + std::sin(t);
  }
  return total;
}

// Written only when x[i] > 0: the other iterations read the last value.
GRADC_GRAD_WRT(w)
double branch_first(const double* w, const double* x, int n) {
  double total = 0.0;
  double t = w[1];
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0.0) t = w[0] * x[i];
    total += t * t;
  }
  return total;
}

// Read after the loop: its last value is the result's.
GRADC_GRAD_WRT(w)
double read_after(const double* w, const double* x, int n) {
  double total = 0.0;
  double t = 0.0;
  for (int i = 0; i < n; ++i) {
    t = w[0] * x[i] + w[1];
    total += std::exp(t);
  }
  return total + t * t;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  const int n = 7, k = 3;
  double x[n] = {0.3, -1.2, 0.8, 2.0, -0.4, 1.1, -0.7};
  double worst = 0;
  {
    double mu[k] = {0.1, -0.5, 0.9}, s[k] = {1.2, 0.7, 1.5}, dmu[k] = {}, ds[k] = {};
    nll_grad(mu, s, x, n, k, dmu, ds);
    worst = std::fmax(worst, worstRelativeError(mu, dmu, s, ds, k, [&] { return nll(mu, s, x, n, k); }));
  }
  {
    double w[2] = {0.6, -0.3}, dw[2] = {};
    alignas(double) unsigned char work[n * sizeof(double)];
    if (carried_grad_work_bytes(n) > sizeof work) return 1;
    carried_grad(w, x, n, dw, work, sizeof work);
    worst = std::fmax(worst, worstRelativeError(w, dw, 2, [&] { return carried(w, x, n); }));
  }
  {
    double w[2] = {0.6, -0.3}, dw[2] = {};
    alignas(double) unsigned char work[n * sizeof(double)];
    if (branch_first_grad_work_bytes(n) > sizeof work) return 1;
    branch_first_grad(w, x, n, dw, work, sizeof work);
    worst = std::fmax(worst, worstRelativeError(w, dw, 2, [&] { return branch_first(w, x, n); }));
  }
  {
    double w[2] = {0.6, -0.3}, dw[2] = {};
    read_after_grad(w, x, n, dw);
    worst = std::fmax(worst, worstRelativeError(w, dw, 2, [&] { return read_after(w, x, n); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
