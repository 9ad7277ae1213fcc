// Array corpus: reductions over arrays and loops returning a scalar. Loops
// with constant and int-parameter bounds, `<=` and step 2, nested loops over a
// flat W[i*n+j], early return before a loop, if/else and calls in a loop body.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// arraycheck.hpp and run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

constexpr int kN = 6;

// Dot product over a run-time length: a pure reduction, nothing stored.
GRADC_GRAD
double dot(const double* w, const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += w[i] * x[i];
  return s;
}

// Weighted sum of squares with a named constant bound.
GRADC_GRAD_WRT(w, x)
double weighted_sumsq(const double* w, const double* x, double c) {
  double s = 0.0;
  for (int i = 0; i < kN; ++i) {
    double r = x[i] - c;
    s += w[i] * r * r;
  }
  return 0.5 * s;
}

// x^T A x with nested loops over a flat row-major A and a run-time size.
GRADC_GRAD
double quad_form(const double* A, const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double row = 0.0;
    for (int j = 0; j < n; ++j) row += A[i * n + j] * x[j];
    s += x[i] * row;
  }
  return s;
}

// Pairs (x[0]x[1] + x[2]x[3] + ...): step 2 and `<=`, a run-time bound.
GRADC_GRAD
double pair_products(const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i <= n - 2; i += 2) s += x[i] * x[i + 1];
  return s;
}

// Odd elements through sin: a `T p[N]` parameter, a constant `<=` bound,
// step 2, starting at 1.
GRADC_GRAD
double odd_sines(double x[8], double a) {
  double s = 0.0;
  for (int i = 1; i <= 7; i += 2) s += std::sin(a * x[i]);
  return s;
}

// Huber loss: if/else in the loop body, early return (outside the loop).
GRADC_GRAD_WRT(pred, y)
double huber(const double* pred, const double* y, double delta, int n) {
  if (n <= 0) return 0.0;
  double loss = 0.0;
  for (int i = 0; i < n; ++i) {
    double r = pred[i] - y[i];
    double a = std::fabs(r);
    if (a <= delta) {
      loss += 0.5 * r * r;
    } else {
      loss += delta * (a - 0.5 * delta);
    }
  }
  return loss / n;
}

// A marked scalar function called with array elements in a loop.
GRADC_GRAD
double softplus(double z) { return std::log1p(std::exp(z)); }

GRADC_GRAD_WRT(w, b)
double softplus_sum(const double* w, double b, const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += softplus(w[i] * x[i] + b);
  return s;
}

// Polynomial by Horner with a constant degree: the carried p is kept per
// iteration in an automatic array (c is highest power first).
GRADC_GRAD
double horner(const double* c, double x) {
  double p = 0.0;
  for (int i = 0; i < kN; ++i) p = p * x + c[i];
  return p;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

int main() {
  using arraycheck::check;
  check<double>("dot", {{"w", 9, -2, 2}, {"x", 9, -2, 2}},
      [](const auto& x) { return dot(x[0].data(), x[1].data(), 9); },
      [](const auto& x, auto& d) { return dot_grad(x[0].data(), x[1].data(), 9, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { dot_pullback(x[0].data(), x[1].data(), 9, s, d[0].data(), d[1].data()); });
  check<double>("dot (n = 40, sampled)", {{"w", 40, -2, 2}, {"x", 40, -2, 2}},
      [](const auto& x) { return dot(x[0].data(), x[1].data(), 40); },
      [](const auto& x, auto& d) { return dot_grad(x[0].data(), x[1].data(), 40, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { dot_pullback(x[0].data(), x[1].data(), 40, s, d[0].data(), d[1].data()); });
  check<double>("weighted_sumsq", {{"w", kN, 0.1, 2}, {"x", kN, -3, 3}},
      [](const auto& x) { return weighted_sumsq(x[0].data(), x[1].data(), 0.7); },
      [](const auto& x, auto& d) { return weighted_sumsq_grad(x[0].data(), x[1].data(), 0.7, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { weighted_sumsq_pullback(x[0].data(), x[1].data(), 0.7, s, d[0].data(), d[1].data()); });
  check<double>("quad_form", {{"A", 25, -1, 1}, {"x", 5, -2, 2}},
      [](const auto& x) { return quad_form(x[0].data(), x[1].data(), 5); },
      [](const auto& x, auto& d) { return quad_form_grad(x[0].data(), x[1].data(), 5, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { quad_form_pullback(x[0].data(), x[1].data(), 5, s, d[0].data(), d[1].data()); });
  // n = 7: the last element is in no pair, so its derivative must be 0.
  check<double>("pair_products", {{"x", 7, -2, 2}},
      [](const auto& x) { return pair_products(x[0].data(), 7); },
      [](const auto& x, auto& d) { return pair_products_grad(x[0].data(), 7, d[0].data()); },
      [](const auto& x, auto s, auto& d) { pair_products_pullback(x[0].data(), 7, s, d[0].data()); });
  check<double>("odd_sines", {{"x", 8, -2, 2}, {"a", 1, 0.5, 2}},
      [](const auto& x) { return odd_sines(const_cast<double*>(x[0].data()), x[1][0]); },
      [](const auto& x, auto& d) { return odd_sines_grad(const_cast<double*>(x[0].data()), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { odd_sines_pullback(const_cast<double*>(x[0].data()), x[1][0], s, d[0].data(), &d[1][0]); });
  check<double>("huber", {{"pred", 8, -3, 3}, {"y", 8, -3, 3}},
      [](const auto& x) { return huber(x[0].data(), x[1].data(), 1.0, 8); },
      [](const auto& x, auto& d) { return huber_grad(x[0].data(), x[1].data(), 1.0, 8, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { huber_pullback(x[0].data(), x[1].data(), 1.0, 8, s, d[0].data(), d[1].data()); });
  check<double>("softplus_sum", {{"w", 6, -2, 2}, {"b", 1, -1, 1}},
      [](const auto& x) { static const double in[6] = {0.5, -1, 2, 0.25, -0.75, 1.5}; return softplus_sum(x[0].data(), x[1][0], in, 6); },
      [](const auto& x, auto& d) { static const double in[6] = {0.5, -1, 2, 0.25, -0.75, 1.5}; return softplus_sum_grad(x[0].data(), x[1][0], in, 6, d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { static const double in[6] = {0.5, -1, 2, 0.25, -0.75, 1.5}; softplus_sum_pullback(x[0].data(), x[1][0], in, 6, s, d[0].data(), &d[1][0]); });
  check<double>("horner", {{"c", kN, -2, 2}, {"x", 1, -1.5, 1.5}},
      [](const auto& x) { return horner(x[0].data(), x[1][0]); },
      [](const auto& x, auto& d) { return horner_grad(x[0].data(), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { horner_pullback(x[0].data(), x[1][0], s, d[0].data(), &d[1][0]); });
  return arraycheck::report();
}
#endif
