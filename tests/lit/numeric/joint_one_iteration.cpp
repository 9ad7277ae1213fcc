// A jointed loop (each iteration's reverse right after it) keeps one
// iteration's values: its inner loops' tapes have no slot per trip of the
// jointed loop (issue 18). A loop that is not jointed keeps them all: one
// that reads a running sum, one with a return, and one that join() refuses
// only after its body is built (the value before the loop, exp(x[0]), is
// read by the reverse sweep after it), which is then built again split.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// Jointed: one row of t^j, m doubles in the work buffer.
// CHECK-LABEL: inline std::size_t fit_grad_work_bytes(int m, int /*n*/) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>(m > 0 ? m : 0);
// CHECK-LABEL: inline double fit_grad(
// CHECK: tj_tape[j] = tj;
// CHECK: // reverse sweep of this iteration
// CHECK: tj = tj_tape[j];
GRADC_GRAD_WRT(x)
double fit(const double* x, int m, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1);
    double model = 0.0, tj = 1.0;
    for (int j = 0; j < m; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    const double r = std::sin(3.0 * t) - model;
    sum += r * r;
  }
  return 0.5 * sum;
}

// join() refuses (exp's reverse reads sum after the loop): every row kept.
// CHECK-LABEL: inline std::size_t fit_after_exp_grad_work_bytes(int m, int n) {
// CHECK: sizeof(double) * static_cast<std::size_t>((n > 0 ? n : 0) * (m > 0 ? m : 0));
// CHECK-LABEL: inline double fit_after_exp_grad(
// CHECK-NOT: reverse sweep of this iteration
// CHECK: tj_tape[i * (m > 0 ? m : 0) + j] = tj;
// CHECK: return fit_after_exp;
GRADC_GRAD_WRT(x)
double fit_after_exp(const double* x, int m, int n) {
  double sum = std::exp(x[0]);
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1);
    double model = 0.0, tj = 1.0;
    for (int j = 0; j < m; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    const double r = std::sin(3.0 * t) - model;
    sum += r * r;
  }
  return 0.5 * sum;
}

// The iteration reads the sum (no running sum): not jointed, every row kept,
// and beside them each row's model and sin (not recomputed in the reverse).
// CHECK-LABEL: inline std::size_t fit_scaled_grad_work_bytes(int m, int n) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>((n > 0 ? n : 0) * (m > 0 ? m : 0)) +
// CHECK-NEXT: sizeof(double) * static_cast<std::size_t>(n > 0 ? n : 0) +
// CHECK-NEXT: sizeof(double) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-LABEL: inline double fit_scaled_grad(
// CHECK-NOT: reverse sweep of this iteration
// CHECK: tj_tape[i * (m > 0 ? m : 0) + j] = tj;
// CHECK: return fit_scaled;
GRADC_GRAD_WRT(x)
double fit_scaled(const double* x, int m, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1);
    double model = 0.0, tj = 1.0;
    for (int j = 0; j < m; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    const double r = std::sin(3.0 * t) - model;
    sum = 0.9 * sum + r * r;
  }
  return 0.5 * sum;
}

// A return in the loop: not jointed, every row kept.
// CHECK-LABEL: inline std::size_t fit_abandon_grad_work_bytes(int m, int n) {
// CHECK: sizeof(double) * static_cast<std::size_t>((n > 0 ? n : 0) * (m > 0 ? m : 0))
// CHECK-LABEL: inline double fit_abandon_grad(
// CHECK-NOT: reverse sweep of this iteration
// CHECK: tj_tape[i * (m > 0 ? m : 0) + j] = tj;
// CHECK: return fit_abandon;
GRADC_GRAD_WRT(x)
double fit_abandon(const double* x, int m, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1);
    double model = 0.0, tj = 1.0;
    for (int j = 0; j < m; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    if (model > 1e6) return 0.0;
    const double r = std::sin(3.0 * t) - model;
    sum += r * r;
  }
  return 0.5 * sum;
}

// An array of the iteration's own written over (BA's radial distortion):
// jointed, no work buffer (its old elements are read from the forward's
// temporaries: nothing is kept).
// CHECK-LABEL: inline double distort_grad(
// CHECK-NOT: work
// CHECK: // reverse sweep of this iteration
// CHECK: return distort;
GRADC_GRAD_WRT(x)
double distort(const double* x, double a, int n) {
  double sum = 0.0;
  for (int i = 0; i + 1 < n; ++i) {
    double q[2];
    q[0] = a * x[i];
    q[1] = x[i + 1];
    const double L = 1.0 + q[0] * q[0] + q[1] * q[1];
    q[0] = q[0] * L;
    q[1] = q[1] * L;
    sum += std::sin(q[0]) + q[1] * q[1];
  }
  return sum;
}

// Constant sizes: the tape is an automatic array of one row, and f_hvp
// (forward over this reverse sweep) still differentiates it.
// CHECK-LABEL: inline double small_fit_grad(
// CHECK: double tj_tape[4];
// CHECK: tj_tape[j] = tj;
constexpr int kM = 4, kN = 7;
GRADC_HESSIAN
double small_fit(const double x[kM]) {
  double sum = 0.0;
  for (int i = 0; i < kN; ++i) {
    const double t = -1.0 + 2.0 * i / (kN - 1);
    double model = 0.0, tj = 1.0;
    for (int j = 0; j < kM; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    const double r = std::sin(3.0 * t) - std::exp(0.3 * model);
    sum += r * r;
  }
  return 0.5 * sum;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

namespace {

// d/dx_j of 0.5 sum_i w_i r_i^2, r_i = sin(3 t_i) - sum_j x_j t_i^j, weights w_i.
std::vector<double> handFit(const std::vector<double>& x, int n, double decay) {
  const int m = static_cast<int>(x.size());
  std::vector<double> g(static_cast<size_t>(m), 0.0);
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1), w = std::pow(decay, n - 1 - i);
    double model = 0.0;
    for (int j = 0; j < m; ++j) model += x[static_cast<size_t>(j)] * std::pow(t, j);
    const double r = std::sin(3.0 * t) - model;
    for (int j = 0; j < m; ++j) g[static_cast<size_t>(j)] -= w * r * std::pow(t, j);
  }
  return g;
}

double worstVsHand(const std::vector<double>& g, const std::vector<double>& h) {
  double e = 0;
  for (size_t k = 0; k < g.size(); ++k) e = std::fmax(e, std::fabs(g[k] - h[k]) / std::fmax(1.0, std::fabs(h[k])));
  return std::isnan(e) ? HUGE_VAL : e;
}

}  // namespace

int main() {
  bool ok = true;
  auto check = [&](const char* what, double vsFd, double vsHand) {
    std::printf("%-14s vs central differences %.2e, vs hand-written %.2e\n", what, vsFd, vsHand);
    ok = ok && vsFd < 1e-7 && vsHand < 1e-12;
  };
  const int m = 5, n = 23;
  std::vector<double> x = {0.3, -0.7, 0.2, 0.5, -0.1};
  using Fit = double (*)(const double*, int, int);
  using FitGrad = double (*)(const double*, int, int, double*, void*, std::size_t);
  struct Case {
    const char* name;
    Fit f;
    FitGrad grad;
    std::size_t (*bytes)(int, int);
    double decay, exp0;
  } cases[] = {
      {"fit", fit, fit_grad, fit_grad_work_bytes, 1.0, 0.0},
      {"fit_after_exp", fit_after_exp, fit_after_exp_grad, fit_after_exp_grad_work_bytes, 1.0, 0.5},
      {"fit_scaled", fit_scaled, fit_scaled_grad, fit_scaled_grad_work_bytes, 0.9, 0.0},
      {"fit_abandon", fit_abandon, fit_abandon_grad, fit_abandon_grad_work_bytes, 1.0, 0.0},
  };
  for (const Case& c : cases) {
    std::vector<double> work(c.bytes(m, n) / sizeof(double) + 1), g(static_cast<size_t>(m), 0.0);
    const double v = c.grad(x.data(), m, n, g.data(), work.data(), c.bytes(m, n));
    ok = ok && std::fabs(v - c.f(x.data(), m, n)) <= 1e-12 * std::fabs(v);
    std::vector<double> h = handFit(x, n, c.decay);
    h[0] += c.exp0 * std::exp(x[0]);
    check(c.name, worstRelativeError(x, g, [&] { return c.f(x.data(), m, n); }), worstVsHand(g, h));
  }
  // Storage: one row where jointed, every row where not.
  ok = ok && fit_grad_work_bytes(m, n) == m * sizeof(double) && fit_grad_work_bytes(m, 100000) == m * sizeof(double);
  ok = ok && fit_after_exp_grad_work_bytes(m, n) >= static_cast<std::size_t>(m * n) * sizeof(double);

  {
    const int len = 6;
    std::vector<double> p = {0.4, -0.2, 0.7, 0.1, -0.5, 0.3}, g(len, 0.0), h(len, 0.0);
    const double a = 1.3;
    distort_grad(p.data(), a, len, g.data());
    for (int i = 0; i + 1 < len; ++i) {
      const double q0 = a * p[static_cast<size_t>(i)], q1 = p[static_cast<size_t>(i + 1)];
      const double L = 1.0 + q0 * q0 + q1 * q1, p0 = q0 * L, p1 = q1 * L;
      const double dp0 = std::cos(p0), dp1 = 2.0 * p1, dL = dp0 * q0 + dp1 * q1;
      h[static_cast<size_t>(i)] += a * (dp0 * L + dL * 2.0 * q0);
      h[static_cast<size_t>(i + 1)] += dp1 * L + dL * 2.0 * q1;
    }
    check("distort", worstRelativeError(p, g, [&] { return distort(p.data(), a, len); }), worstVsHand(g, h));
  }
  {
    // f_hvp against central differences of f_grad, and f_grad against the hand-written gradient.
    double xs[kM] = {0.3, -0.7, 0.2, 0.5}, v[kM] = {0.6, -0.2, 1.1, 0.4}, hv[kM] = {};
    small_fit_hvp(xs, v, hv);
    const double eps = 1e-6;
    double worst = 0;
    double up[kM], down[kM], xp[kM], xm[kM];
    for (int k = 0; k < kM; ++k) {
      xp[k] = xs[k] + eps * v[k];
      xm[k] = xs[k] - eps * v[k];
      up[k] = down[k] = 0;
    }
    small_fit_grad(xp, up);
    small_fit_grad(xm, down);
    for (int k = 0; k < kM; ++k) worst = std::fmax(worst, std::fabs(hv[k] - (up[k] - down[k]) / (2 * eps)) / std::fmax(1.0, std::fabs(hv[k])));
    std::printf("small_fit_hvp  vs central differences of small_fit_grad %.2e\n", worst);
    ok = ok && worst < 1e-6;
    double g[kM] = {}, hand[kM] = {};
    small_fit_grad(xs, g);
    for (int i = 0; i < kN; ++i) {
      const double t = -1.0 + 2.0 * i / (kN - 1);
      double model = 0.0;
      for (int j = 0; j < kM; ++j) model += xs[j] * std::pow(t, j);
      const double e = std::exp(0.3 * model), r = std::sin(3.0 * t) - e;
      for (int j = 0; j < kM; ++j) hand[j] -= r * 0.3 * e * std::pow(t, j);
    }
    double vsHand = 0;
    for (int k = 0; k < kM; ++k) vsHand = std::fmax(vsHand, std::fabs(g[k] - hand[k]) / std::fmax(1.0, std::fabs(hand[k])));
    std::printf("small_fit_grad vs hand-written %.2e\n", vsHand);
    ok = ok && vsHand < 1e-12;
  }
  return ok ? 0 : 1;
}
#endif
