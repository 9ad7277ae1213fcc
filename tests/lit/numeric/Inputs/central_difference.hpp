#pragma once
// For the numeric tests' check mains: a gradient against central differences.
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <vector>

// The largest relative error (against max(1, |fd|)) of grad[0..n) against
// central differences of f over p[0..n), which f reads. The step is
// relativeStep * max(1, |p[k]|): 1e-6 for double functions, about 1e-2 for
// float ones (their rounding would swamp a smaller step).
inline double worstRelativeError(double* p, const double* grad, std::size_t n, const std::function<double()>& f,
                                 double relativeStep = 1e-6) {
  double err = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double keep = p[k], h = relativeStep * std::fmax(1.0, std::fabs(keep));
    p[k] = keep + h;
    double up = f();
    p[k] = keep - h;
    double down = f();
    p[k] = keep;
    double fd = (up - down) / (2 * h);
    double e = std::fabs(grad[k] - fd) / std::fmax(1.0, std::fabs(fd));
    // A NaN gradient is the worst error, not one fmax skips.
    err = std::isnan(e) ? HUGE_VAL : std::fmax(err, e);
  }
  return err;
}

inline double worstRelativeError(std::vector<double>& p, const std::vector<double>& grad,
                                 const std::function<double()>& f) {
  return worstRelativeError(p.data(), grad.data(), p.size(), f);
}

// The same over two parameter arrays of n entries each (f reads both).
inline double worstRelativeError(double* w, const double* g_w, double* x, const double* g_x, std::size_t n,
                                 const std::function<double()>& f) {
  return std::fmax(worstRelativeError(w, g_w, n, f), worstRelativeError(x, g_x, n, f));
}

// Prints one named comparison against central differences; true if within
// `tolerance` (the tests' mains fail on any false).
inline bool reportGradient(const char* what, std::vector<double>& p, const std::vector<double>& grad,
                           const std::function<double()>& f, double tolerance = 1e-7) {
  double err = worstRelativeError(p, grad, f);
  std::printf("%-16s largest relative error vs central differences: %.2e\n", what, err);
  return err < tolerance;
}
