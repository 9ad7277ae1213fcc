// Array corpus: loops that stop early. `while` and `do` loops (bounded by
// GRADC_MAX_TRIPS), `break`, counted loops with a data-dependent condition
// (`i < n && ...`), and a running max. The reverse sweep must replay exactly
// the trips the forward sweep made. Checked against finite differences (see
// arraycheck.hpp and run_arrays.sh); the trip-limit contract (NaN, no
// adjoint written) is checked at the end.
#include <gradc/gradc.h>

#include <cmath>

// Newton's iteration for sqrt(a): the trip count depends on a.
GRADC_GRAD
double newton_sqrt(double a) {
  double x = 0.5 * (a + 1.0);
  double dx = 1.0;
  while (std::fabs(dx) > 1e-13 * x) {
    GRADC_MAX_TRIPS(60);
    dx = (x * x - a) / (2.0 * x);
    x = x - dx;
  }
  return x;
}

// A do loop: runs at least once; state carried through a product and a sum.
GRADC_GRAD
double halve_until(double x, double y) {
  double s = 0.0;
  do {
    GRADC_MAX_TRIPS(100);
    x = 0.5 * x;
    s += std::sin(x) * y;
  } while (x > 0.1);
  return s + x;
}

// `break` on a data-dependent test, with a reduction over the trips made.
GRADC_GRAD_WRT(w)
double sum_until_small(const double* w, int n) {
  double acc = 0.0;
  for (int i = 0; i < n; ++i) {
    double t = w[i] * w[i] - 0.25;
    if (t < 0.0) break;
    acc += std::exp(0.1 * t) * w[i];
  }
  return acc;
}

// Running max by comparison, then squared.
GRADC_GRAD_WRT(w)
double running_max(const double* w, int n) {
  double m = w[0];
  for (int i = 1; i < n; ++i) {
    double z = std::tanh(w[i]) * 3.0;
    if (z > m) m = z;
  }
  return m * m;
}

// Running max with std::fmax, carried and reused.
GRADC_GRAD_WRT(w)
double fmax_scan(const double* w, int n) {
  double m = -10.0, s = 0.0;
  for (int i = 0; i < n; ++i) {
    m = std::fmax(m, w[i]);
    s += m * w[i];
  }
  return s;
}

// Running max with std::fmax whose adjoint only passes through the max
// (assigned, never summed): the reverse loop must run last-first.
GRADC_GRAD_WRT(w)
double fmax_only(const double* w) {
  double m = std::tanh(w[0]);
  for (int i = 1; i < 9; ++i) m = std::fmax(m, std::tanh(w[i]));
  return m * m + w[4];
}

// A running max started at -INFINITY (a builtin call: a constant).
GRADC_GRAD_WRT(w)
double max_from_minus_inf(const double* w) {
  double m = -INFINITY;
  for (int i = 0; i < 6; ++i) m = std::fmax(m, w[i] * w[i]);
  return m;
}

// A counted loop with an extra stopping condition, a break and a continue.
GRADC_GRAD
double until_tol(double x, double k) {
  double v = x;
  for (int i = 0; i < 50 && std::fabs(v) > 1e-3; ++i) {
    v = v * k;
    if (v > 100.0) break;
    if (v < -100.0) continue;
    v += 0.01 * x;
  }
  return v;
}

// Nested: an inner while inside a counted loop (a fixed-point solve per step).
GRADC_GRAD_WRT(p)
double nested_solve(const double* p, int n) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    double y = 0.0;
    int it = 0;
    while (it < 200) {
      GRADC_MAX_TRIPS(200);
      double next = 0.5 * std::cos(y) + p[i];
      if (std::fabs(next - y) < 1e-14) break;
      y = next;
      ++it;
    }
    total += y * y;
  }
  return total;
}

// The trip limit: more trips than GRADC_MAX_TRIPS allows gives NaN and no gradient.
GRADC_GRAD
double count_down(double x) {
  double y = 0.0;
  while (x > 0.0) {
    GRADC_MAX_TRIPS(8);
    y += x * x;
    x -= 1.0;
  }
  return y;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

#include <cstdio>

// Loops of run-time length keep their carried state in the caller's buffer.
alignas(double) static unsigned char kWork[1 << 16];

int main() {
  using arraycheck::check;
  check<double>("newton_sqrt", {{"a", 1, 0.1, 9}},
      [](const auto& x) { return newton_sqrt(x[0][0]); },
      [](const auto& x, auto& d) { return newton_sqrt_grad(x[0][0], &d[0][0]); },
      [](const auto& x, auto s, auto& d) { newton_sqrt_pullback(x[0][0], s, &d[0][0]); });
  check<double>("halve_until", {{"x", 1, 0.2, 30}, {"y", 1, -2, 2}},
      [](const auto& x) { return halve_until(x[0][0], x[1][0]); },
      [](const auto& x, auto& d) { return halve_until_grad(x[0][0], x[1][0], &d[0][0], &d[1][0]); },
      [](const auto& x, auto s, auto& d) { halve_until_pullback(x[0][0], x[1][0], s, &d[0][0], &d[1][0]); });
  check<double>("sum_until_small", {{"w", 16, -2, 2}},
      [](const auto& x) { return sum_until_small(x[0].data(), 16); },
      [](const auto& x, auto& d) { return sum_until_small_grad(x[0].data(), 16, d[0].data()); },
      [](const auto& x, auto s, auto& d) { sum_until_small_pullback(x[0].data(), 16, s, d[0].data()); });
  check<double>("running_max", {{"w", 12, -2, 2}},
      [](const auto& x) { return running_max(x[0].data(), 12); },
      [](const auto& x, auto& d) { return running_max_grad(x[0].data(), 12, d[0].data()); },
      [](const auto& x, auto s, auto& d) { running_max_pullback(x[0].data(), 12, s, d[0].data()); });
  check<double>("fmax_scan", {{"w", 12, -2, 2}},
      [](const auto& x) { return fmax_scan(x[0].data(), 12); },
      [](const auto& x, auto& d) { return fmax_scan_grad(x[0].data(), 12, d[0].data(), kWork, sizeof kWork); },
      [](const auto& x, auto s, auto& d) { fmax_scan_pullback(x[0].data(), 12, s, d[0].data(), kWork, sizeof kWork); });
  check<double>("fmax_only", {{"w", 9, -2, 2}},
      [](const auto& x) { return fmax_only(x[0].data()); },
      [](const auto& x, auto& d) { return fmax_only_grad(x[0].data(), d[0].data()); },
      [](const auto& x, auto s, auto& d) { fmax_only_pullback(x[0].data(), s, d[0].data()); });
  check<double>("max_from_minus_inf", {{"w", 6, -2, 2}},
      [](const auto& x) { return max_from_minus_inf(x[0].data()); },
      [](const auto& x, auto& d) { return max_from_minus_inf_grad(x[0].data(), d[0].data()); },
      [](const auto& x, auto s, auto& d) { max_from_minus_inf_pullback(x[0].data(), s, d[0].data()); });
  check<double>("until_tol", {{"x", 1, -2, 2}, {"k", 1, -1.6, 1.6}},
      [](const auto& x) { return until_tol(x[0][0], x[1][0]); },
      [](const auto& x, auto& d) { return until_tol_grad(x[0][0], x[1][0], &d[0][0], &d[1][0]); },
      [](const auto& x, auto s, auto& d) { until_tol_pullback(x[0][0], x[1][0], s, &d[0][0], &d[1][0]); });
  check<double>("nested_solve", {{"p", 5, -1, 1}},
      [](const auto& x) { return nested_solve(x[0].data(), 5); },
      [](const auto& x, auto& d) { return nested_solve_grad(x[0].data(), 5, d[0].data(), kWork, sizeof kWork); },
      [](const auto& x, auto s, auto& d) { nested_solve_pullback(x[0].data(), 5, s, d[0].data(), kWork, sizeof kWork); });
  check<double>("count_down", {{"x", 1, 0.1, 7.9}},
      [](const auto& x) { return count_down(x[0][0]); },
      [](const auto& x, auto& d) { return count_down_grad(x[0][0], &d[0][0]); },
      [](const auto& x, auto s, auto& d) { count_down_pullback(x[0][0], s, &d[0][0]); });

  // Past the limit: 9 trips needed, 8 allowed.
  double d = 0.25, d_pb = 0.5;
  double y = count_down_grad(8.5, &d);
  count_down_pullback(8.5, 1.0, &d_pb);
  bool ok = std::isnan(y) && d == 0.25 && d_pb == 0.5;
  std::printf("%s count_down past GRADC_MAX_TRIPS: value %g, adjoints %g %g (want NaN, 0.25, 0.5)\n",
              ok ? "ok  " : "FAIL", y, d, d_pb);
  return arraycheck::report() + (ok ? 0 : 1);
}
#endif
