// Array corpus: elements overwritten in place. The reverse sweep must see
// each element as the forward sweep saw it when it was read, so gradc saves
// the old element before an overwrite (per iteration in a loop) and puts it
// back while undoing it. Checked against finite differences (arraycheck.hpp).
#include <gradc/gradc.h>

#include <cmath>

constexpr int kN = 6;

// a[i] = a[i] * c, then a reduction of the new values.
GRADC_GRAD
double scale_in_place(const double* x, double c) {
  double a[kN];
  for (int i = 0; i < kN; ++i) a[i] = x[i];
  for (int i = 0; i < kN; ++i) a[i] = a[i] * std::sin(c * a[i]);
  double s = 0.0;
  for (int i = 0; i < kN; ++i) s += a[i] * a[i];
  return s;
}

// Softmax computed in place: max, exp(shifted), normalize with *= and /=.
GRADC_GRAD
double softmax_in_place(const double* z, const double* y) {
  double p[kN];
  for (int i = 0; i < kN; ++i) p[i] = z[i];
  double m = p[0];
  for (int i = 1; i < kN; ++i) m = std::fmax(m, p[i]);
  double total = 0.0;
  for (int i = 0; i < kN; ++i) {
    p[i] = std::exp(p[i] - m);
    total += p[i];
  }
  for (int i = 0; i < kN; ++i) p[i] /= total;
  double loss = 0.0;
  for (int i = 0; i < kN; ++i) loss += (p[i] - y[i]) * (p[i] - y[i]);
  return loss;
}

// Explicit Euler on an array state, updated in place over a run-time number
// of steps (the old elements go to the caller's work buffer).
GRADC_GRAD_WRT(k, x0)
double euler_array(double k, const double* x0, int steps) {
  double x[3];
  for (int i = 0; i < 3; ++i) x[i] = x0[i];
  for (int t = 0; t < steps; ++t) {
    double dx[3];
    dx[0] = -k * x[0] + std::sin(x[1]);
    dx[1] = x[0] * x[2] - 0.5 * x[1];
    dx[2] = std::cos(x[0]) - k * x[2];
    for (int i = 0; i < 3; ++i) x[i] += 0.05 * dx[i];
  }
  return x[0] * x[0] + x[1] * x[1] + x[2];
}

// A recurrence through the array: s[k] = s[k-1] * x[k] + s[k], read later
// by a neighbour, overwritten twice.
GRADC_GRAD
double recurrence(const double* x) {
  double s[kN] = {};
  for (int i = 0; i < kN; ++i) s[i] = x[i];
  for (int i = 1; i < kN; ++i) s[i] = s[i - 1] * x[i] + s[i];
  for (int i = 0; i < kN - 1; ++i) s[i] = std::tanh(s[i + 1]) + s[i];
  return s[0] + s[kN - 2] * s[kN - 1];
}

// Overwrites outside loops, and a 2-D array updated in place in a nest.
GRADC_GRAD
double straight_and_nested(double u, double v) {
  double a[2] = {};
  a[0] = u;
  a[1] = v;
  a[0] = a[0] * a[1];
  a[1] = std::exp(a[0]) - a[1];
  double g[2][3];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) g[i][j] = a[i] + 0.1 * j;
  for (int sweep = 0; sweep < 3; ++sweep)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) g[i][j] = std::sin(g[i][j]) * a[1 - i];
  return g[0][0] + g[1][2] * g[0][1];
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

alignas(double) static unsigned char kWork[1 << 14];

int main() {
  using arraycheck::check;
  check<double>("scale_in_place", {{"x", kN, -2, 2}, {"c", 1, -1, 1}},
      [](const auto& x) { return scale_in_place(x[0].data(), x[1][0]); },
      [](const auto& x, auto& d) { return scale_in_place_grad(x[0].data(), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { scale_in_place_pullback(x[0].data(), x[1][0], s, d[0].data(), &d[1][0]); });
  check<double>("softmax_in_place", {{"z", kN, -2, 2}, {"y", kN, 0, 1}},
      [](const auto& x) { return softmax_in_place(x[0].data(), x[1].data()); },
      [](const auto& x, auto& d) { return softmax_in_place_grad(x[0].data(), x[1].data(), d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { softmax_in_place_pullback(x[0].data(), x[1].data(), s, d[0].data(), d[1].data()); });
  check<double>("euler_array", {{"k", 1, 0.2, 1}, {"x0", 3, -1, 1}},
      [](const auto& x) { return euler_array(x[0][0], x[1].data(), 40); },
      [](const auto& x, auto& d) {
        return euler_array_grad(x[0][0], x[1].data(), 40, &d[0][0], d[1].data(), kWork, sizeof kWork);
      },
      [](const auto& x, auto s, auto& d) {
        euler_array_pullback(x[0][0], x[1].data(), 40, s, &d[0][0], d[1].data(), kWork, sizeof kWork);
      });
  check<double>("recurrence", {{"x", kN, -1, 1}},
      [](const auto& x) { return recurrence(x[0].data()); },
      [](const auto& x, auto& d) { return recurrence_grad(x[0].data(), d[0].data()); },
      [](const auto& x, auto s, auto& d) { recurrence_pullback(x[0].data(), s, d[0].data()); });
  check<double>("straight_and_nested", {{"u", 1, -1, 1}, {"v", 1, -1, 1}},
      [](const auto& x) { return straight_and_nested(x[0][0], x[1][0]); },
      [](const auto& x, auto& d) { return straight_and_nested_grad(x[0][0], x[1][0], &d[0][0], &d[1][0]); },
      [](const auto& x, auto s, auto& d) { straight_and_nested_pullback(x[0][0], x[1][0], s, &d[0][0], &d[1][0]); });
  return arraycheck::report();
}
#endif
