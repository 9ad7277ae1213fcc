// A scratch array declared before a loop with a `break` or `return` in it
// (fuzz seed 93002, FINDINGS.md 2026-12-07): the lowering puts such a loop's
// body under `if (running)`, and lower/ScratchArrays.cpp skipped every array
// stored under an if, so the array stayed outside and its element writes were
// rejected as overwrites "inside an 'if' in a loop". Each iteration writes
// every element before reading it: it lives in the loop, as when declared
// there. Gradients against central differences and a hand-written gradient.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double until_grad(
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK: double a[3]
GRADC_GRAD_WRT(w)
double until(const double* w, const double* x, int n) {
  double a[3];
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < 3; ++j) a[j] = w[j] * x[i];
    s += a[0] * a[1] + std::sin(a[2]);
    if (s > 2.0) break;
  }
  return s;
}

GRADC_GRAD_WRT(w)
double leave(const double* w, const double* x, int n) {
  double a[2];
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < 2; ++j) a[j] = std::exp(w[j] * x[i]);
    s += a[0] - a[1];
    if (a[1] > 1.5) return s * a[0];
  }
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

// The gradients by hand: the same loops, each term's partials summed until the exit.
static void until_by_hand(const double* w, const double* x, int n, double* g) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    s += w[0] * x[i] * w[1] * x[i] + std::sin(w[2] * x[i]);
    g[0] += x[i] * w[1] * x[i];
    g[1] += w[0] * x[i] * x[i];
    g[2] += std::cos(w[2] * x[i]) * x[i];
    if (s > 2.0) break;
  }
}

static void leave_by_hand(const double* w, const double* x, int n, double* g) {
  double s = 0.0, ds[2] = {0.0, 0.0};
  for (int i = 0; i < n; ++i) {
    const double a0 = std::exp(w[0] * x[i]), a1 = std::exp(w[1] * x[i]);
    s += a0 - a1;
    ds[0] += a0 * x[i];
    ds[1] -= a1 * x[i];
    if (a1 > 1.5) {  // d(s a0) = ds a0 + s da0
      g[0] += ds[0] * a0 + s * a0 * x[i];
      g[1] += ds[1] * a0;
      return;
    }
  }
  g[0] += ds[0];
  g[1] += ds[1];
}

int main() {
  bool ok = true;
  const int n = 6;
  double x[n] = {0.4, -0.7, 0.9, 1.3, -0.2, 0.8};
  // Points where the loops leave early and where they run to the end.
  const double ws[3][3] = {{0.9, 1.1, 0.7}, {0.2, -0.3, 0.1}, {1.4, 0.8, -0.6}};
  for (const auto& w0 : ws) {
    for (int len : {0, 3, n}) {
      double w[3] = {w0[0], w0[1], w0[2]}, g[3] = {}, h[3] = {};
      std::vector<unsigned char> work(until_grad_work_bytes(len)), work2(leave_grad_work_bytes(len));
      until_grad(w, x, len, g, work.data(), work.size());
      until_by_hand(w, x, len, h);
      double e = worstRelativeError(w, g, 3, [&] { return until(w, x, len); });
      for (int k = 0; k < 3; ++k) e = std::fmax(e, std::fabs(g[k] - h[k]));
      double v[2] = {w0[0], w0[1]}, gv[2] = {}, hv[2] = {};
      leave_grad(v, x, len, gv, work2.data(), work2.size());
      leave_by_hand(v, x, len, hv);
      double e2 = worstRelativeError(v, gv, 2, [&] { return leave(v, x, len); });
      for (int k = 0; k < 2; ++k) e2 = std::fmax(e2, std::fabs(gv[k] - hv[k]));
      std::printf("w = (%g, %g, %g), n = %d: until %.2e, leave %.2e\n", w0[0], w0[1], w0[2], len, e, e2);
      ok = ok && e < 1e-7 && e2 < 1e-7;
    }
  }
  return ok ? 0 : 1;
}
#endif
