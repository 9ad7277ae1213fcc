// Regression: an array declared inside a loop and filled from a value the
// reverse loop reads back (`z[o] = tanh(...)`) was "recomputed" from its own
// elements (`z[o] = z[o]`): the reverse loop's copy of z starts empty.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double f_grad(
// CHECK: // reverse sweep
// CHECK: z[o] = std::tanh(
// CHECK-NOT: z[o] = z[o];
GRADC_GRAD_WRT(W)
double f(const double* W, const double* x) {
  double loss = 0;
  for (int s = 0; s < 2; ++s) {
    double z[3];
    for (int o = 0; o < 3; ++o) z[o] = std::tanh(W[o] * x[s * 3 + o]);
    loss += z[0] * z[1] + z[2];
  }
  return loss;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

int main() {
  double W[3] = {0.4, -0.7, 1.1}, x[6] = {0.3, 1.2, -0.5, 0.8, -1.4, 0.6}, dW[3] = {};
  f_grad(W, x, dW);
  double err = 0;
  const double h = 1e-6;
  for (int k = 0; k < 3; ++k) {
    double keep = W[k];
    W[k] = keep + h;
    double up = f(W, x);
    W[k] = keep - h;
    double down = f(W, x);
    W[k] = keep;
    double fd = (up - down) / (2 * h);
    err = std::fmax(err, std::fabs(dW[k] - fd) / std::fmax(1.0, std::fabs(fd)));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-8 ? 0 : 1;
}
#endif
