// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Scratch scalars declared before the sample loop (as the ADBench GMM code
// declares them): every iteration writes them before reading them, so the
// loop is jointed exactly as when they are declared inside it. Nothing is
// taped, no reverse loop over the samples runs.
// CHECK-LABEL: inline double nll_grad(
// CHECK-NOT: _tape
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK: double diff = (x[i] - mu[j]) * s[j];
// CHECK-NEXT: // line [[#]]: z = -0.5 * diff * diff
// CHECK-NEXT: double z = -0.5 * diff * diff;
// CHECK: // reverse sweep of this iteration
// CHECK-NOT: for (int i = n - 1; i >= 0; --i)
// CHECK: return nll;
GRADC_GRAD_WRT(mu, s)
double nll(const double* mu, const double* s, const double* x, int n, int k) {
  double total = 0.0;
  double diff = 0.0, z;
  for (int i = 0; i < n; ++i) {
    double acc = 0.0;
    for (int j = 0; j < k; ++j) {
      diff = (x[i] - mu[j]) * s[j];
      z = -0.5 * diff * diff;
      acc += std::exp(z);
    }
    total += std::log(acc);
  }
  return -total;
}

// t is read before it is written in each iteration: carried, taped.
// CHECK-LABEL: inline double carried_grad(
// CHECK: t_tape[i] = t;
// CHECK: for (int i = n - 1; i >= 0; --i) {
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
