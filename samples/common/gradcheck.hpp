// Helpers the samples' tests share: seeded random points, central differences
// and the error measure. Parameters are handled as one flat vector, so a test
// packs its arrays (W, b, x, ...) side by side and differentiates them at once.
#ifndef GRADC_SAMPLES_COMMON_GRADCHECK_HPP
#define GRADC_SAMPLES_COMMON_GRADCHECK_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace gradc_samples {

// |a - b| relative to the larger magnitude, but absolute below 1: gradients
// that should be 0 are compared absolutely.
inline double Err(double a, double b) {
  return std::fabs(a - b) / std::max({1.0, std::fabs(a), std::fabs(b)});
}

// The largest Err over two equally long vectors; *where gets its index.
inline double MaxErr(const std::vector<double>& a, const std::vector<double>& b,
                     std::size_t* where = nullptr) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const double e = Err(a[i], b[i]);
    if (e > worst || std::isnan(e)) {
      worst = std::isnan(e) ? INFINITY : e;
      if (where) *where = i;
    }
  }
  return worst;
}

// Uniform doubles in [lo, hi), the same on every platform: mt19937_64's output
// is fixed by the standard, std::uniform_real_distribution's mapping is not.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  double Uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(gen_() >> 11) * 0x1p-53;
  }
  int Int(int n) { return static_cast<int>(gen_() % static_cast<std::uint64_t>(n)); }
  std::vector<double> Vector(std::size_t n, double lo, double hi) {
    std::vector<double> v(n);
    for (double& e : v) e = Uniform(lo, hi);
    return v;
  }

 private:
  std::mt19937_64 gen_;
};

// Central differences of f (a function of the flat parameter vector) at theta,
// step h: (f(theta + h e_i) - f(theta - h e_i)) / (2h), with the step actually
// taken after rounding.
template <class F>
std::vector<double> CentralDifferences(F f, std::vector<double> theta, double h = 1e-6) {
  std::vector<double> g(theta.size());
  for (std::size_t i = 0; i < theta.size(); ++i) {
    const double t = theta[i];
    theta[i] = t + h;
    const double plus_at = theta[i], plus = f(theta);
    theta[i] = t - h;
    const double minus_at = theta[i], minus = f(theta);
    theta[i] = t;
    g[i] = (plus - minus) / (plus_at - minus_at);
  }
  return g;
}

}  // namespace gradc_samples

#endif  // GRADC_SAMPLES_COMMON_GRADCHECK_HPP
