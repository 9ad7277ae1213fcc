// An adjoint array takes the storage of a local array of the same type and
// length that nothing reads past the adjoint's declaration (the logits z of
// a log-sum-exp, once their exps are kept), and never of one still read.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

constexpr int K = 5;

// CHECK-LABEL: inline double logsumexp_grad(
// CHECK: // reverse sweep
// CHECK: // d_z takes the storage of z, which is not used past this point
// CHECK-NEXT: double (&d_z)[5] = z;
// CHECK-NEXT: gradc::zero(d_z);
// CHECK: return logsumexp;
GRADC_GRAD
double logsumexp(const double* w, const double* x, int y) {
  double z[K];
  for (int k = 0; k < K; ++k) z[k] = w[k] * x[k];
  double sum = 0.0;
  for (int k = 0; k < K; ++k) sum += std::exp(z[k]);
  return std::log(sum) - z[y];
}

// z is read by the reverse sweep (d/dz z*z = 2z): d_z gets storage of its own.
// CHECK-LABEL: inline double squares_grad(
// CHECK-NOT: takes the storage
// CHECK: double d_z[5] = {};
// CHECK: return squares;
GRADC_GRAD
double squares(const double* w, const double* x) {
  double z[K];
  for (int k = 0; k < K; ++k) z[k] = w[k] * x[k];
  double s = 0.0;
  for (int k = 0; k < K; ++k) s += std::sin(z[k]) * z[k];
  return s;
}

// d_c takes c (only summed), d_b takes a (dead once b is computed); d_a
// cannot take b, which the reverse sweep reads, nor c, of another length.
// CHECK-LABEL: inline double two_layers_grad(
// CHECK: double (&d_c)[3] = c;
// CHECK: double (&d_b)[4] = a;
// CHECK: double d_a[4] = {};
// CHECK: return two_layers;
GRADC_GRAD
double two_layers(const double* w, const double* x) {
  double a[4], b[4], c[3];
  for (int k = 0; k < 4; ++k) a[k] = w[k] * x[k];
  for (int k = 0; k < 4; ++k) b[k] = std::exp(a[k]);
  for (int k = 0; k < 3; ++k) c[k] = b[k] * b[k + 1];
  double s = 0.0;
  for (int k = 0; k < 3; ++k) s += c[k];
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double w[K] = {0.4, -0.7, 1.1, 0.2, -0.3}, x[K] = {0.3, 1.2, -0.5, 0.8, -1.4};
  double worst = 0;
  {
    double dw[K] = {}, dx[K] = {};
    logsumexp_grad(w, x, 2, dw, dx);
    worst = std::fmax(worst, worstRelativeError(w, dw, x, dx, K, [&] { return logsumexp(w, x, 2); }));
  }
  {
    double dw[K] = {}, dx[K] = {};
    squares_grad(w, x, dw, dx);
    worst = std::fmax(worst, worstRelativeError(w, dw, x, dx, K, [&] { return squares(w, x); }));
  }
  {
    double dw[K] = {}, dx[K] = {};
    two_layers_grad(w, x, dw, dx);
    worst = std::fmax(worst, worstRelativeError(w, dw, x, dx, 4, [&] { return two_layers(w, x); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-8 ? 0 : 1;
}
#endif
