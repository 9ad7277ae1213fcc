// Array corpus: loops over samples that add to a running sum. When nothing
// after the loop needs the sum's value to give its adjoint, gradc runs each
// iteration's reverse right after the iteration (a jointed loop,
// reverse/Joint.cpp); when something does (a log, a ratio, a square of the
// sum), the reverse loop stays apart. Both are checked against finite
// differences (arraycheck.hpp, run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

// Mean softplus loss plus an L2 term: the sum's adjoint 1/m is known before
// the loop (jointed; the adjoint statement is hoisted above it).
GRADC_GRAD_WRT(w, b)
double mean_softplus(const double* w, double b, const double* X, const double* y, int m, int d, double lambda) {
  double total = 0.0;
  for (int i = 0; i < m; ++i) {
    double z = b;
    for (int j = 0; j < d; ++j) z += w[j] * X[i * d + j];
    total += std::log1p(std::exp(-y[i] * z));
  }
  double norm2 = 0.0;
  for (int j = 0; j < d; ++j) norm2 += w[j] * w[j];
  return total / m + lambda * norm2;
}

// log(sum exp): the sum's adjoint is 1/sum, known only after the loop.
GRADC_GRAD
double log_sum_exp(const double* x, double scale, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += std::exp(scale * x[i]);
  return std::log(s);
}

// A softmax-weighted mean: two sums, each needed by the other's adjoint.
GRADC_GRAD
double soft_mean(const double* x, double w, int n) {
  double num = 0.0;
  double den = 0.0;
  for (int i = 0; i < n; ++i) {
    double e = std::exp(w * x[i]);
    num += e * x[i];
    den += e;
  }
  return num / den;
}

// A sum subtracted from, over a fixed trip count (values the reverse loop
// would keep per iteration), read by a square after the loop and by a
// scalar made before it that is overwritten after it.
GRADC_GRAD
double fixed_trips(const double* w, double a) {
  double total = 0.0;
  double scaled = a * a;
  for (int i = 0; i < 8; ++i) total -= std::sin(scaled * w[i]) * w[i];
  scaled = 0.5 * scaled;
  return total + scaled * total;
}

// Subtracted from, fixed trip count, scaled afterwards by something the
// loop does not touch: jointed.
GRADC_GRAD
double fixed_trips_linear(const double* w, double a) {
  double total = 0.0;
  double scaled = a * a;
  for (int i = 0; i < 8; ++i) total -= std::sin(scaled * w[i]) * w[i];
  double gain = std::cos(a);
  return gain * total + scaled;
}

// float all the way, with an int counter carried beside the sum.
GRADC_GRAD_WRT(w)
float hinge_like(const float* w, const float* X, int m, int d) {
  float total = 0.0f;
  int seen = 0;
  for (int i = 0; i < m; ++i) {
    float z = 0.0f;
    for (int j = 0; j < d; ++j) z += w[j] * X[i * d + j];
    total += std::log(1.0f + std::exp(z)) / (1.0f + static_cast<float>(seen));
    seen += 1;
  }
  return total;
}

// Two updates per iteration, one under a branch: still a running sum.
GRADC_GRAD_WRT(w)
double two_updates(const double* w, const double* X, const double* y, int m, int d) {
  double total = 0.0;
  for (int i = 0; i < m; ++i) {
    double z = 0.0;
    for (int j = 0; j < d; ++j) z += w[j] * X[i * d + j];
    total += std::exp(-0.5 * z * z);
    if (y[i] > 0.0) total -= y[i] * std::tanh(z);
  }
  return 3.0 * total;
}

// The sum also feeds the next iteration (compound growth): not a running
// sum, so the reverse loop stays apart.
GRADC_GRAD_WRT(w)
double compounding(const double* w, const double* X) {
  double total = 1.0;
  for (int i = 0; i < 12; ++i) {
    double z = 0.0;
    for (int j = 0; j < 5; ++j) z += w[j] * X[i * 5 + j];
    total += 0.1 * total * std::tanh(z);
  }
  return total;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

constexpr int kM = 12, kD = 5;
double labels[kM], X[kM * kD];
float Xf[6 * 4];

int main() {
  using arraycheck::check;
  for (int i = 0; i < kM; ++i) labels[i] = i % 3 == 0 ? -1.0 : 1.0;
  for (int k = 0; k < kM * kD; ++k) X[k] = 0.37 * static_cast<double>((k * 5) % 11) - 1.8;
  check<double>("mean_softplus", {{"w", kD, -1, 1}, {"b", 1, -1, 1}},
      [](const auto& x) { return mean_softplus(x[0].data(), x[1][0], X, labels, kM, kD, 0.1); },
      [](const auto& x, auto& d) {
        return mean_softplus_grad(x[0].data(), x[1][0], X, labels, kM, kD, 0.1, d[0].data(), &d[1][0]);
      },
      [](const auto& x, auto s, auto& d) {
        mean_softplus_pullback(x[0].data(), x[1][0], X, labels, kM, kD, 0.1, s, d[0].data(), &d[1][0]);
      });
  check<double>("log_sum_exp", {{"x", 9, -2, 2}, {"scale", 1, 0.2, 1.5}},
      [](const auto& x) { return log_sum_exp(x[0].data(), x[1][0], 9); },
      [](const auto& x, auto& d) { return log_sum_exp_grad(x[0].data(), x[1][0], 9, d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { log_sum_exp_pullback(x[0].data(), x[1][0], 9, s, d[0].data(), &d[1][0]); });
  check<double>("soft_mean", {{"x", 7, -2, 2}, {"w", 1, -1, 1}},
      [](const auto& x) { return soft_mean(x[0].data(), x[1][0], 7); },
      [](const auto& x, auto& d) { return soft_mean_grad(x[0].data(), x[1][0], 7, d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { soft_mean_pullback(x[0].data(), x[1][0], 7, s, d[0].data(), &d[1][0]); });
  check<double>("fixed_trips", {{"w", 8, -1, 1}, {"a", 1, 0.3, 1.2}},
      [](const auto& x) { return fixed_trips(x[0].data(), x[1][0]); },
      [](const auto& x, auto& d) { return fixed_trips_grad(x[0].data(), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { fixed_trips_pullback(x[0].data(), x[1][0], s, d[0].data(), &d[1][0]); });
  check<double>("fixed_trips_linear", {{"w", 8, -1, 1}, {"a", 1, 0.3, 1.2}},
      [](const auto& x) { return fixed_trips_linear(x[0].data(), x[1][0]); },
      [](const auto& x, auto& d) { return fixed_trips_linear_grad(x[0].data(), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) {
        fixed_trips_linear_pullback(x[0].data(), x[1][0], s, d[0].data(), &d[1][0]);
      });
  for (int k = 0; k < 6 * 4; ++k) Xf[k] = 0.25f * static_cast<float>((k * 7) % 9) - 1.0f;
  check<float>("hinge_like", {{"w", 4, -1, 1}},
      [](const auto& x) { return hinge_like(x[0].data(), Xf, 6, 4); },
      [](const auto& x, auto& d) { return hinge_like_grad(x[0].data(), Xf, 6, 4, d[0].data()); },
      [](const auto& x, auto s, auto& d) { hinge_like_pullback(x[0].data(), Xf, 6, 4, s, d[0].data()); });
  check<double>("two_updates", {{"w", kD, -1, 1}},
      [](const auto& x) { return two_updates(x[0].data(), X, labels, kM, kD); },
      [](const auto& x, auto& d) { return two_updates_grad(x[0].data(), X, labels, kM, kD, d[0].data()); },
      [](const auto& x, auto s, auto& d) { two_updates_pullback(x[0].data(), X, labels, kM, kD, s, d[0].data()); });
  check<double>("compounding", {{"w", kD, -1, 1}},
      [](const auto& x) { return compounding(x[0].data(), X); },
      [](const auto& x, auto& d) { return compounding_grad(x[0].data(), X, d[0].data()); },
      [](const auto& x, auto s, auto& d) { compounding_pullback(x[0].data(), X, s, d[0].data()); });
  return arraycheck::report();
}
#endif
