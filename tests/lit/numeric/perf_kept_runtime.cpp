// A loop of run-time length that tapes its carried state in the caller's work
// buffer keeps the results of its costly calls (exp, tanh) there too, one per
// iteration, and its reverse loop loads them instead of evaluating the calls
// again (reverse/Loops.cpp, sweepLoop); an outer loop that recomputes such an
// inner loop loads them as well. A loop whose tapes would all be dead gets no
// work buffer just for kept values. Forward over reverse (f_hvp) reads the
// kept values too.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// A recurrent cell: h and c carried, three transcendentals per step.
// CHECK-LABEL: inline double cell_grad(
// CHECK: for (int t = 0; t < n; ++t) {
// CHECK: [[G:[a-z_]+]]_kept[t] = [[G]];
// CHECK: // reverse sweep{{$}}
// CHECK-NOT: {{^[^/]*std::(tanh|exp)\(}}
// CHECK: = [[G]]_kept[t];
// CHECK-NOT: {{^[^/]*std::(tanh|exp)\(}}
// CHECK: return cell;
GRADC_GRAD_WRT(w)
double cell(const double* w, const double* x, int n) {
  double h = 0.5, c = 0.1, total = 0.0;
  for (int t = 0; t < n; ++t) {
    const double g = 1.0 / (1.0 + std::exp(-(w[0] * x[t] + w[1] * h)));
    const double u = std::tanh(w[2] * h + x[t]);
    c = g * c + (1.0 - g) * u;
    h = std::tanh(c) * w[3];
    total += h * x[t];
  }
  return total;
}

// State updated in place by an inner loop of run-time length, read after it:
// the outer reverse loop recomputes the inner loop, from kept values too.
// CHECK-LABEL: inline double layers_grad(
// CHECK: // reverse sweep{{$}}
// CHECK-NOT: {{^[^/]*std::(tanh|exp)\(}}
// CHECK: return layers;
GRADC_GRAD_WRT(w)
double layers(const double* w, const double* x, int n, int m) {
  double h[8];
  for (int i = 0; i < m; ++i) h[i] = 0.1 * i;
  double total = 0.0;
  for (int t = 0; t < n; ++t) {
    for (int i = 0; i < m; ++i) {
      const double g = std::tanh(h[i] * w[i] + x[t]);
      h[i] = g * std::exp(-h[i] * w[m + i]);
    }
    double s = 0.0;
    for (int i = 0; i < m; ++i) s += h[i] * h[i];
    total += s * x[t];
  }
  return total;
}

// Its running sum's tape is dead: nothing else would need a work buffer, so
// the exp is evaluated again instead (the gradient takes no work buffer).
// CHECK-LABEL: inline double guarded_grad(
// CHECK-NOT: _kept
// CHECK: std::exp(
// CHECK: return guarded;
GRADC_GRAD_WRT(w)
double guarded(const double* w, const double* x, int n) {
  double total = 0.0;
  if (n > 1)
    for (int i = 0; i < n; ++i) total += std::exp(w[0] * x[i]) * w[1];
  return total;
}

// Sizes fixed: kept in automatic arrays, read back by the outer loop's
// recomputation of the inner one as well; f_hvp differentiates those loads.
// CHECK-LABEL: inline double layers_fixed_grad(
// CHECK: // reverse sweep{{$}}
// CHECK-NOT: {{^[^/]*std::(tanh|exp)\(}}
// CHECK: return layers_fixed;
GRADC_HESSIAN_WRT(w)
double layers_fixed(const double w[6], const double x[5]) {
  double h[3] = {0.0, 0.1, 0.2};
  double total = 0.0;
  for (int t = 0; t < 5; ++t) {
    for (int i = 0; i < 3; ++i) {
      const double g = std::tanh(h[i] * w[i] + x[t]);
      h[i] = g * std::exp(-h[i] * w[3 + i]);
    }
    double s = 0.0;
    for (int i = 0; i < 3; ++i) s += h[i] * h[i];
    total += s * x[t];
  }
  return total;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

// Hand-written gradient of cell: the forward values kept, then the steps backwards.
static void handCell(const double* w, const double* x, int n, double* g) {
  std::vector<double> hs(n + 1), cs(n + 1), gs(n), us(n), ths(n);
  hs[0] = 0.5;
  cs[0] = 0.1;
  for (int t = 0; t < n; ++t) {
    gs[t] = 1.0 / (1.0 + std::exp(-(w[0] * x[t] + w[1] * hs[t])));
    us[t] = std::tanh(w[2] * hs[t] + x[t]);
    cs[t + 1] = gs[t] * cs[t] + (1.0 - gs[t]) * us[t];
    ths[t] = std::tanh(cs[t + 1]);
    hs[t + 1] = ths[t] * w[3];
  }
  for (int k = 0; k < 4; ++k) g[k] = 0.0;
  double dh = 0.0, dc = 0.0;
  for (int t = n - 1; t >= 0; --t) {
    dh += x[t];
    g[3] += dh * ths[t];
    dc += dh * w[3] * (1.0 - ths[t] * ths[t]);
    const double dg = dc * (cs[t] - us[t]), du = dc * (1.0 - gs[t]);
    const double dzg = dg * gs[t] * (1.0 - gs[t]), dzu = du * (1.0 - us[t] * us[t]);
    g[0] += dzg * x[t];
    g[1] += dzg * hs[t];
    g[2] += dzu * hs[t];
    dh = dzg * w[1] + dzu * w[2];
    dc = dc * gs[t];
  }
}

int main() {
  double worst = 0, worstHand = 0;
  const int n = 9, m = 3;
  double x[n] = {0.3, -1.2, 0.8, 0.5, -0.4, 1.1, -0.7, 0.2, 0.9};
  {
    double w[4] = {0.6, -0.8, 0.9, 1.2}, g[4] = {}, hand[4];
    std::vector<unsigned char> work(cell_grad_work_bytes(n));
    cell_grad(w, x, n, g, work.data(), work.size());
    worst = std::fmax(worst, worstRelativeError(w, g, 4, [&] { return cell(w, x, n); }));
    handCell(w, x, n, hand);
    for (int k = 0; k < 4; ++k) worstHand = std::fmax(worstHand, std::fabs(g[k] - hand[k]) / (1 + std::fabs(hand[k])));
    // Two tapes (h, c) and three kept values per step.
    if (cell_grad_work_bytes(n) != 5 * n * sizeof(double)) return 1;
  }
  {
    double w[2 * m] = {0.7, -0.5, 1.1, 0.3, 0.6, -0.2}, g[2 * m] = {};
    std::vector<unsigned char> work(layers_grad_work_bytes(n, m));
    layers_grad(w, x, n, m, g, work.data(), work.size());
    worst = std::fmax(worst, worstRelativeError(w, g, 2 * m, [&] { return layers(w, x, n, m); }));
  }
  {
    double w[2] = {0.4, 1.3}, g[2] = {};
    guarded_grad(w, x, n, g);  // no work buffer
    worst = std::fmax(worst, worstRelativeError(w, g, 2, [&] { return guarded(w, x, n); }));
    double hand[2] = {};
    for (int i = 0; i < n; ++i) {
      const double e = std::exp(w[0] * x[i]);
      hand[0] += x[i] * e * w[1];
      hand[1] += e;
    }
    for (int k = 0; k < 2; ++k) worstHand = std::fmax(worstHand, std::fabs(g[k] - hand[k]) / (1 + std::fabs(hand[k])));
  }
  {
    // f_grad against central differences and against layers_grad (the same
    // function, run-time sizes); f_hvp against central differences of f_grad.
    double w[6] = {0.7, -0.5, 1.1, 0.3, 0.6, -0.2}, g[6] = {}, g2[6] = {}, v[6] = {0.5, -0.1, 0.3, 0.8, -0.6, 0.2};
    layers_fixed_grad(w, x, g);
    worst = std::fmax(worst, worstRelativeError(w, g, 6, [&] { return layers_fixed(w, x); }));
    std::vector<unsigned char> work(layers_grad_work_bytes(5, 3));
    layers_grad(w, x, 5, 3, g2, work.data(), work.size());
    for (int k = 0; k < 6; ++k) worstHand = std::fmax(worstHand, std::fabs(g[k] - g2[k]) / (1 + std::fabs(g2[k])));
    double hv[6] = {}, up[6] = {}, down[6] = {}, wp[6], wm[6];
    const double eps = 1e-6;
    for (int k = 0; k < 6; ++k) {
      wp[k] = w[k] + eps * v[k];
      wm[k] = w[k] - eps * v[k];
    }
    layers_fixed_hvp(w, x, v, hv);
    layers_fixed_grad(wp, x, up);
    layers_fixed_grad(wm, x, down);
    for (int k = 0; k < 6; ++k)
      worst = std::fmax(worst, std::fabs(hv[k] - (up[k] - down[k]) / (2 * eps)) / std::fmax(1.0, std::fabs(hv[k])));
  }
  std::printf("largest relative error: central differences %.2e, hand-written %.2e\n", worst, worstHand);
  return worst < 1e-7 && worstHand < 1e-12 ? 0 : 1;
}
#endif
