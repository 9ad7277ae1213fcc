// Arrays take the storage of dead ones, as hand-written backprop does. An
// adjoint array takes the storage of a local array of the same type and
// length that nothing reads past the adjoint's declaration, and never of one
// still read. A loop that writes a[k] after its last read of b[k] (b read
// nowhere after the loop) writes a over b, element by element; a single
// element of b read after the loop is saved first. An adjoint array that
// one loop fills element by element is assigned there, not zeroed first: the
// scattered sums before that loop move after it.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

constexpr int K = 5;

// The exps are kept over the logits (z[y] saved first), and d_z is written
// over the exps as the reverse loop reads them: one array of 5 where a naive
// emission holds three.
// CHECK-LABEL: inline double logsumexp_grad(
// CHECK: double z_y = z[y];
// CHECK-NEXT: // line [[#]]: for (int k = 0; k < K; ++k)
// CHECK-NEXT: // t_kept takes the storage of z, whose elements are not read once t_kept writes them
// CHECK-NEXT: double (&t_kept)[5] = z;
// CHECK: double logsumexp = std::log(sum) - z_y;
// CHECK: // reverse sweep
// CHECK: double (&d_z)[5] = t_kept;
// CHECK-NEXT: for (int k = 0; k < gradc_src::K; ++k) {
// CHECK-NEXT: // line [[#]]: sum += std::exp(z[k])
// CHECK-NEXT: d_z[k] = d_sum * t_kept[k];
// CHECK-NEXT: }
// CHECK-NEXT: // line [[#]]: return std::log(sum) - z[y]
// CHECK-NEXT: d_z[y] -= 1.0;
// CHECK-NOT: gradc::zero
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

// b is written over a (b[k] = e^a[k] reads a[k] last); d_a over b (the
// reverse reads b[k] last); d_c takes c (only summed); d_b takes nothing:
// c and d_c are of another length, b is read by the reverse sweep until d_a
// takes it, after d_b's last read.
// CHECK-LABEL: inline double two_layers_grad(
// CHECK: double (&b)[4] = a;
// CHECK: double (&d_c)[3] = c;
// CHECK: double d_b[4] = {};
// CHECK: double (&d_a)[4] = b;
// CHECK-NEXT: for (int k = 0; k < 4; ++k) {
// CHECK-NEXT: // line [[#]]: b[k] = std::exp(a[k])
// CHECK-NEXT: d_a[k] = d_b[k] * b[k];
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

// Iteration k reads a[3 - k], which an earlier iteration's b[3 - k] would
// have overwritten: b keeps storage of its own.
// CHECK-LABEL: inline double mirrored_grad(
// CHECK-NOT: (&b)[4] = a;
// CHECK: double b[4];
// CHECK: return mirrored;
GRADC_GRAD
double mirrored(const double* w) {
  double a[4], b[4];
  for (int k = 0; k < 4; ++k) a[k] = w[k] * w[k];
  for (int k = 0; k < 4; ++k) b[k] = a[k] + 2.0 * a[3 - k];
  double s = 0.0;
  for (int k = 0; k < 4; ++k) s += std::sin(b[k]);
  return s;
}

// a[j] is read after the loop that writes b, at an index that loop sets:
// the read cannot move before it, so b keeps storage of its own.
// CHECK-LABEL: inline double late_index_grad(
// CHECK-NOT: (&b)[4] = a;
// CHECK: double b[4];
// CHECK: return late_index;
GRADC_GRAD
double late_index(const double* w) {
  double a[4], b[4];
  for (int k = 0; k < 4; ++k) a[k] = w[k] * w[k];
  int j = 0;
  for (int k = 0; k < 4; ++k) {
    b[k] = 3.0 * a[k];
    if (w[k] > 0.0) j = k;
  }
  double s = a[j];
  for (int k = 0; k < 4; ++k) s += std::sin(b[k]);
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
  {
    double dw[K] = {};
    mirrored_grad(w, dw);
    worst = std::fmax(worst, worstRelativeError(w, dw, 4, [&] { return mirrored(w); }));
  }
  {
    double dw[K] = {};
    late_index_grad(w, dw);
    worst = std::fmax(worst, worstRelativeError(w, dw, 4, [&] { return late_index(w); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-8 ? 0 : 1;
}
#endif
