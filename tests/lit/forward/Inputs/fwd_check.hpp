#pragma once
// For the forward-mode check mains: Jacobians by central differences, and
// the comparisons the tests make (relative to max(1, |reference|)).
#include <cmath>
#include <cstdio>
#include <vector>

// J[i * n + j] = d out_i / d *in[j] by central differences; eval(out) writes
// the m outputs from the current inputs.
template <class T, class Eval>
std::vector<double> centralJacobian(std::vector<T*> in, int m, Eval eval, double relativeStep = 1e-6) {
  int n = static_cast<int>(in.size());
  std::vector<double> J(static_cast<size_t>(m * n)), up(static_cast<size_t>(m)), down(static_cast<size_t>(m));
  for (int j = 0; j < n; ++j) {
    const T keep = *in[static_cast<size_t>(j)];
    const double h = relativeStep * std::fmax(1.0, std::fabs(static_cast<double>(keep)));
    *in[static_cast<size_t>(j)] = static_cast<T>(static_cast<double>(keep) + h);
    eval(up.data());
    *in[static_cast<size_t>(j)] = static_cast<T>(static_cast<double>(keep) - h);
    eval(down.data());
    *in[static_cast<size_t>(j)] = keep;
    for (int i = 0; i < m; ++i) J[static_cast<size_t>(i * n + j)] = (up[static_cast<size_t>(i)] - down[static_cast<size_t>(i)]) / (2 * h);
  }
  return J;
}

// The largest relative difference of a[0..n) from the reference b[0..n); NaN is the worst.
template <class A, class B>
double worstDifference(const A* a, const B* b, size_t n) {
  double err = 0;
  for (size_t k = 0; k < n; ++k) {
    double e = std::fabs(static_cast<double>(a[k]) - static_cast<double>(b[k])) / std::fmax(1.0, std::fabs(static_cast<double>(b[k])));
    err = std::isnan(e) ? HUGE_VAL : std::fmax(err, e);
  }
  return err;
}

// J v for a dense row-major m x n J.
inline std::vector<double> times(const std::vector<double>& J, const double* v, int m, int n) {
  std::vector<double> out(static_cast<size_t>(m), 0.0);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) out[static_cast<size_t>(i)] += J[static_cast<size_t>(i * n + j)] * v[j];
  return out;
}

inline bool report(const char* what, double err, double tolerance) {
  std::printf("%-40s worst relative difference %.3g (tolerance %.1g)\n", what, err, tolerance);
  return err <= tolerance;
}
