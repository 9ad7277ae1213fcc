#pragma once
// For the numeric tests' check mains: a gradient against central differences.
#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

// The largest relative error (against max(1, |fd|)) of `grad` against central
// differences of f over the entries of p, which f reads.
inline double worstRelativeError(std::vector<double>& p, const std::vector<double>& grad,
                                 const std::function<double()>& f) {
  const double h = 1e-6;
  double err = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    double keep = p[k];
    p[k] = keep + h;
    double up = f();
    p[k] = keep - h;
    double down = f();
    p[k] = keep;
    double fd = (up - down) / (2 * h);
    err = std::fmax(err, std::fabs(grad[k] - fd) / std::fmax(1.0, std::fabs(fd)));
  }
  return err;
}
