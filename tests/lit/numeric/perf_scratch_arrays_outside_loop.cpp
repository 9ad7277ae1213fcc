// Scratch arrays declared before the loop that uses them (as ADBench's GMM
// and most RK4 codes declare them) are iteration-local when each iteration
// writes every element before reading it (lower/ScratchArrays.cpp): the
// sample loop is jointed exactly as with the declarations inside it, and
// the step loop keeps the same storage. An array an iteration reads before
// writing (carried) or writes only under a branch stays where it is.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

constexpr int kMaxD = 8, kMaxK = 6;

inline void subtract(int d, const double* a, const double* b, double* out) {
  for (int i = 0; i < d; ++i) out[i] = a[i] - b[i];
}

// A GMM-style sample loop: xc, qx and term are declared once, before it.
// Jointed: one pass over the samples, no reverse loop over them, no work buffer.
// CHECK-LABEL: inline double mixture_grad(int d, int k, int n, const double* means, const double* qdiag, const double* x, double* GRADC_RESTRICT d_means, double* GRADC_RESTRICT d_qdiag) {
// CHECK: for (int s = 0; s < n; ++s) {
// CHECK: double xc[8];
// CHECK: reverse sweep of this iteration
// CHECK-NOT: for (int s = n - 1; s >= 0; --s)
// CHECK: return mixture;
GRADC_GRAD_WRT(means, qdiag)
double mixture(int d, int k, int n, const double* means, const double* qdiag, const double* x) {
  double xc[kMaxD], qx[kMaxD], term[kMaxK];
  double total = 0.0;
  for (int s = 0; s < n; ++s) {
    for (int c = 0; c < k; ++c) {
      subtract(d, &x[s * d], &means[c * d], xc);
      for (int i = 0; i < d; ++i) qx[i] = qdiag[c * d + i] * xc[i];
      for (int i = 1; i < d; ++i) qx[i] += 0.25 * xc[i - 1];
      double sq = 0.0;
      for (int i = 0; i < d; ++i) sq += qx[i] * qx[i];
      term[c] = -0.5 * sq;
    }
    double mx = term[0];
    for (int c = 1; c < k; ++c)
      if (term[c] > mx) mx = term[c];
    double se = 0.0;
    for (int c = 0; c < k; ++c) se += std::exp(term[c] - mx);
    total += std::log(se) + mx;
  }
  return total;
}

// The same with the arrays declared where they are used: the yardstick.
GRADC_GRAD_WRT(means, qdiag)
double mixture_inside(int d, int k, int n, const double* means, const double* qdiag, const double* x) {
  double total = 0.0;
  for (int s = 0; s < n; ++s) {
    double term[kMaxK];
    for (int c = 0; c < k; ++c) {
      double xc[kMaxD], qx[kMaxD];
      subtract(d, &x[s * d], &means[c * d], xc);
      for (int i = 0; i < d; ++i) qx[i] = qdiag[c * d + i] * xc[i];
      for (int i = 1; i < d; ++i) qx[i] += 0.25 * xc[i - 1];
      double sq = 0.0;
      for (int i = 0; i < d; ++i) sq += qx[i] * qx[i];
      term[c] = -0.5 * sq;
    }
    double mx = term[0];
    for (int c = 1; c < k; ++c)
      if (term[c] > mx) mx = term[c];
    double se = 0.0;
    for (int c = 0; c < k; ++c) se += std::exp(term[c] - mx);
    total += std::log(se) + mx;
  }
  return total;
}

inline void rates(int n, const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < n; ++i) ydot[i] = x[i] * y[i - 1];
}

// RK4 with the stage arrays declared before the step loop (was rejected:
// "overwriting an element of 'k1' that was read before").
// CHECK-LABEL: inline double rk4_grad(
// CHECK: for (int step = 0; step < s; ++step) {
// CHECK-NEXT: // line {{[0-9]+}} (rates): ydot[0] = x[0]
// CHECK-NEXT: double k1[16];
GRADC_GRAD_WRT(x)
double rk4(const double* x, int n, int s) {
  const double h = 2.0 / s;
  double y[16], k1[16], k2[16], k3[16], k4[16], tmp[16];
  for (int i = 0; i < n; ++i) y[i] = 0.0;
  for (int step = 0; step < s; ++step) {
    rates(n, x, y, k1);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    rates(n, x, tmp, k2);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    rates(n, x, tmp, k3);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + h * k3[i];
    rates(n, x, tmp, k4);
    for (int i = 0; i < n; ++i) y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  return y[n - 1];
}

// Carried: each iteration reads acc before writing it (acc[i] += ...).
// CHECK-LABEL: inline double carried_grad(
// CHECK: double acc[4] = {};
// CHECK-NEXT: // line {{[0-9]+}}: for (int s = 0; s < n; ++s)
// CHECK: acc_tape[s * 4 + i] = acc[i];
GRADC_GRAD_WRT(w)
double carried(const double* w, const double* x, int n) {
  double acc[4];
  double total = 0.0;
  for (int i = 0; i < 4; ++i) acc[i] = 0.0;
  for (int s = 0; s < n; ++s) {
    for (int i = 0; i < 4; ++i) acc[i] += std::sin(w[i] * x[s]);
    total += acc[0] * acc[1] + acc[2] * acc[3];
  }
  return total;
}

// Kept from the previous iteration unless x[s] > 0 (the selecting form of a
// write under a branch): read before written, so it stays outside.
GRADC_GRAD_WRT(w)
double branch_written(const double* w, const double* x, int n) {
  double last[2] = {0.0, 0.0};
  double total = 0.0;
  for (int s = 0; s < n; ++s) {
    const bool take = s == 0 || x[s] > 0.0;
    last[0] = take ? w[0] * x[s] : last[0];
    last[1] = take ? w[1] * x[s] : last[1];
    total += last[0] * last[1];
  }
  return total;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double worst = 0, vsInside = 0;
  {
    const int d = 3, k = 4, n = 5;
    double means[k * d], qdiag[k * d], x[n * d];
    for (int i = 0; i < k * d; ++i) means[i] = 0.3 * std::sin(1.7 * i), qdiag[i] = 1.0 + 0.2 * std::cos(0.9 * i);
    for (int i = 0; i < n * d; ++i) x[i] = std::cos(2.3 * i + 0.4);
    double dm[k * d] = {}, dq[k * d] = {}, dm2[k * d] = {}, dq2[k * d] = {};
    mixture_grad(d, k, n, means, qdiag, x, dm, dq);
    mixture_inside_grad(d, k, n, means, qdiag, x, dm2, dq2);
    for (int i = 0; i < k * d; ++i) vsInside = std::fmax(vsInside, std::fabs(dm[i] - dm2[i]) + std::fabs(dq[i] - dq2[i]));
    worst = std::fmax(worst, worstRelativeError(means, dm, qdiag, dq, k * d, [&] { return mixture(d, k, n, means, qdiag, x); }));
  }
  {
    const int n = 6, s = 10;
    double x[n] = {0.9, -0.4, 0.7, 1.1, -0.8, 0.5}, dx[n] = {};
    alignas(double) unsigned char work[64 * 1024];
    if (rk4_grad_work_bytes(n, s) > sizeof work) return 1;
    rk4_grad(x, n, s, dx, work, sizeof work);
    worst = std::fmax(worst, worstRelativeError(x, dx, n, [&] { return rk4(x, n, s); }));
  }
  const int n = 6;
  double x[n] = {0.3, -1.2, 0.8, 2.0, -0.4, 1.1};
  {
    double w[4] = {0.6, -0.3, 0.9, 0.2}, dw[4] = {};
    alignas(double) unsigned char work[4096];
    if (carried_grad_work_bytes(n) > sizeof work) return 1;
    carried_grad(w, x, n, dw, work, sizeof work);
    worst = std::fmax(worst, worstRelativeError(w, dw, 4, [&] { return carried(w, x, n); }));
  }
  {
    double w[2] = {0.6, -0.3}, dw[2] = {};
    alignas(double) unsigned char work[4096];
    if (branch_written_grad_work_bytes(n) > sizeof work) return 1;
    branch_written_grad(w, x, n, dw, work, sizeof work);
    worst = std::fmax(worst, worstRelativeError(w, dw, 2, [&] { return branch_written(w, x, n); }));
  }
  std::printf("largest relative error vs central differences: %.2e; declared outside vs inside: %.2e\n", worst,
              vsInside);
  return worst < 1e-7 && vsInside < 1e-12 ? 0 : 1;
}
#endif
