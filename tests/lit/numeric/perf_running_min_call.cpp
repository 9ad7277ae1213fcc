// A running min/max written with std::min/std::max or `?:` keeps the index of
// its last update, like the branch form (reverse/Extremum.cpp), also when the
// compared value comes from an inner loop (k-means: the squared distance to
// each centre); the reverse sweep then runs the nearest centre's adjoint
// alone. Against central differences, each argument order, a sample loop that
// is jointed (a running sum) and one that is not, and two loops that are not
// running extrema (the compared value reads m; a flag from m picks a value).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

constexpr int D = 3;

inline double sqdist(const double* a, const double* b, int d) {
  double s = 0.0;
  for (int l = 0; l < d; ++l) {
    const double diff = a[l] - b[l];
    s += diff * diff;
  }
  return s;
}

GRADC_GRAD_WRT(c)
double kmeans(const double* p, const double* c, int n, int k) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    double best = HUGE_VAL;
    for (int j = 0; j < k; ++j) {
      const double dist = sqdist(&p[i * D], &c[j * D], D);
      best = std::min(best, dist);
    }
    total += best;
  }
  return total;
}

// Fixed sizes, the other argument order, and a sample loop that is not a
// running sum (its reverse loop recomputes or keeps each point's minimum).
GRADC_GRAD_WRT(c)
double kmeans_damped(const double* p, const double* c) {
  double total = 0.0;
  for (int i = 0; i < 5; ++i) {
    double best = 1e30;
    for (int j = 0; j < 4; ++j) {
      double s = 0.0;
      for (int l = 0; l < D; ++l) s += (p[i * D + l] - c[j * D + l]) * (p[i * D + l] - c[j * D + l]);
      best = std::min(s * (1.0 + 0.1 * j), best);
    }
    total = 0.5 * total * total + std::sin(best);
  }
  return total;
}

GRADC_GRAD
double ranges(const double* x, int n) {
  double hi = -1e30, lo = 1e30, lo2 = 1e30, hi2 = -1e30;
  for (int i = 0; i < n; ++i) hi = std::max(hi, x[i] * x[i]);
  for (int i = 0; i < n; ++i) lo = std::min(std::sin(x[i]), lo);
  for (int i = 0; i < n; ++i) {
    double v = 0.5 * x[i] - x[i] * x[i];
    lo2 = v < lo2 ? v : lo2;
  }
  for (int i = 0; i < n; ++i) {
    double v = std::cos(x[i]);
    hi2 = hi2 > v ? hi2 : v;
  }
  return hi * lo + lo2 * hi2 + x[0];
}

// Not running extrema: every iteration passes an adjoint on.
GRADC_GRAD
double reads_m(const double* x, int n) {
  double m = 0.5;
  for (int i = 0; i < n; ++i) m = std::max(m, 0.9 * m + x[i]);
  return m * m;
}

GRADC_GRAD
double flag_from_m(const double* x, int n) {
  double m = -1e30;
  for (int i = 0; i < n; ++i) {
    bool far = x[i] > m + 0.5;
    double v = far ? 2.0 * x[i] : x[i] - 0.1;
    m = std::max(m, v);
  }
  return m * m;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

int main() {
  double worst = 0;
  const double p[5 * D] = {0.3, -1.2, 0.8, 2.0, -0.4, 1.1, -0.7, 0.5, 0.25, 1.6, 1.9, -0.2, -1.1, -0.9, 0.6};
  double c[4 * D] = {0.1, -0.3, 0.4, 1.8, -0.2, 0.9, -0.6, 0.4, 0.1, 1.0, 1.0, 1.0};
  {
    double dc[4 * D] = {};
    kmeans_grad(p, c, 5, 4, dc);
    worst = std::fmax(worst, worstRelativeError(c, dc, 4 * D, [&] { return kmeans(p, c, 5, 4); }));
  }
  {
    double dc[4 * D] = {};
    kmeans_damped_grad(p, c, dc);
    worst = std::fmax(worst, worstRelativeError(c, dc, 4 * D, [&] { return kmeans_damped(p, c); }));
  }
  for (auto xs : {std::vector<double>{0.3, -1.2, 2.8, 2.0, -0.4, 1.1}, std::vector<double>{2.5, 0.1, -0.3}}) {
    const int n = static_cast<int>(xs.size());
    std::vector<double> d(n, 0.0);
    ranges_grad(xs.data(), n, d.data());
    worst = std::fmax(worst, worstRelativeError(xs.data(), d.data(), n, [&] { return ranges(xs.data(), n); }));
  }
  for (auto xs : {std::vector<double>{0.3, -1.2, 0.8, 2.0}, std::vector<double>{1.0, 0.2, 0.9, -0.5, 0.35}}) {
    const int n = static_cast<int>(xs.size());
    std::vector<double> d(n, 0.0), e(n, 0.0);
    std::vector<double> work(reads_m_grad_work_bytes(n) / sizeof(double) + flag_from_m_grad_work_bytes(n) + 1);
    reads_m_grad(xs.data(), n, d.data(), work.data(), work.size() * sizeof(double));
    worst = std::fmax(worst, worstRelativeError(xs.data(), d.data(), n, [&] { return reads_m(xs.data(), n); }));
    flag_from_m_grad(xs.data(), n, e.data(), work.data(), work.size() * sizeof(double));
    worst = std::fmax(worst, worstRelativeError(xs.data(), e.data(), n, [&] { return flag_from_m(xs.data(), n); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
