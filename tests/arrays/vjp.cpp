// Array corpus: void functions writing output arrays. Their f_pullback is a
// vector-Jacobian product: the output adjoints are seeds, read and zeroed;
// the input adjoints accumulate. Checked against finite differences of
// dot(seed, outputs) (see arraycheck.hpp and run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

constexpr int kRows = 4;
constexpr int kCols = 5;

// y = A x over run-time sizes, A row-major m x n.
GRADC_GRAD
void matvec(const double* A, const double* x, double* y, int m, int n) {
  for (int i = 0; i < m; ++i) {
    double s = 0.0;
    for (int j = 0; j < n; ++j) s += A[i * n + j] * x[j];
    y[i] = s;
  }
}

// h = tanh(W x + b) with constant sizes.
GRADC_GRAD
void dense_tanh(const double* W, const double* b, const double* x, double* h) {
  for (int i = 0; i < kRows; ++i) {
    double z = b[i];
    for (int j = 0; j < kCols; ++j) z += W[i * kCols + j] * x[j];
    h[i] = std::tanh(z);
  }
}

// A reduction straight into output elements: z[i] = b[i], then z[i] += ...
GRADC_GRAD
void affine_accumulate(const double* W, const double* b, const double* x, double* z) {
  for (int i = 0; i < kRows; ++i) {
    z[i] = b[i];
    for (int j = 0; j < kCols; ++j) z[i] += W[i * kCols + j] * x[j];
  }
}

const double kC[4] = {0.5, -1.0, 2.0, 0.25};

// Two outputs, one of which does not depend on the differentiated input:
// its seeds are consumed (zeroed) all the same.
GRADC_GRAD_WRT(x)
void split(const double* x, const double* c, double* y, double* z) {
  for (int i = 0; i < 4; ++i) {
    y[i] = std::sin(x[i]) * c[i];
    z[i] = c[i] * c[i];
  }
}

// Cumulative sums into an output array, y[i] = x[0] + ... + x[i], each by
// an inner loop whose bound is the outer index. (The one-pass form with a
// running s, `s += x[i]; y[i] = s;`, is left out: gradc 0.1 drops the carry
// of d_s across iterations, see README.md.)
GRADC_GRAD
void cumsum(const double* x, double* y, int n) {
  for (int i = 0; i < n; ++i) {
    double s = 0.0;
    for (int j = 0; j <= i; ++j) s += x[j];
    y[i] = s;
  }
}

// Softmax into an output array: exponentials in a local array, normalized by
// their sum in a second loop.
GRADC_GRAD
void softmax(const double* z, double* p) {
  double e[kCols];
  double sum = 0.0;
  for (int i = 0; i < kCols; ++i) {
    e[i] = std::exp(z[i]);
    sum += e[i];
  }
  for (int i = 0; i < kCols; ++i) p[i] = e[i] / sum;
}

// Two outputs and a scalar input: a scaled copy and elementwise squares.
GRADC_GRAD
void scale_and_square(const double* x, double a, double* u, double* v, int n) {
  for (int i = 0; i < n; ++i) {
    u[i] = a * x[i];
    v[i] = x[i] * x[i] - a;
  }
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

int main() {
  using arraycheck::check_vjp;
  check_vjp<double>("matvec", {{"A", 3 * 7, -1, 1}, {"x", 7, -2, 2}}, {{"y", 3}},
      [](const auto& x, auto& y) { matvec(x[0].data(), x[1].data(), y[0].data(), 3, 7); },
      [](const auto& x, auto& y, auto& dx, auto& dy) {
        matvec_pullback(x[0].data(), x[1].data(), y[0].data(), 3, 7, dx[0].data(), dx[1].data(), dy[0].data());
      });
  check_vjp<double>("dense_tanh", {{"W", kRows * kCols, -1, 1}, {"b", kRows, -1, 1}, {"x", kCols, -1, 1}}, {{"h", kRows}},
      [](const auto& x, auto& y) { dense_tanh(x[0].data(), x[1].data(), x[2].data(), y[0].data()); },
      [](const auto& x, auto& y, auto& dx, auto& dy) {
        dense_tanh_pullback(x[0].data(), x[1].data(), x[2].data(), y[0].data(), dx[0].data(), dx[1].data(),
                            dx[2].data(), dy[0].data());
      });
  check_vjp<double>("affine_accumulate", {{"W", kRows * kCols, -1, 1}, {"b", kRows, -1, 1}, {"x", kCols, -1, 1}},
      {{"z", kRows}},
      [](const auto& x, auto& y) { affine_accumulate(x[0].data(), x[1].data(), x[2].data(), y[0].data()); },
      [](const auto& x, auto& y, auto& dx, auto& dy) {
        affine_accumulate_pullback(x[0].data(), x[1].data(), x[2].data(), y[0].data(), dx[0].data(), dx[1].data(),
                                   dx[2].data(), dy[0].data());
      });
  check_vjp<double>("split", {{"x", 4, -2, 2}}, {{"y", 4}, {"z", 4}},
      [](const auto& x, auto& y) { split(x[0].data(), kC, y[0].data(), y[1].data()); },
      [](const auto& x, auto& y, auto& dx, auto& dy) {
        split_pullback(x[0].data(), kC, y[0].data(), y[1].data(), dx[0].data(), dy[0].data(), dy[1].data());
      });
  check_vjp<double>("cumsum", {{"x", 9, -2, 2}}, {{"y", 9}},
      [](const auto& x, auto& y) { cumsum(x[0].data(), y[0].data(), 9); },
      [](const auto& x, auto& y, auto& dx, auto& dy) { cumsum_pullback(x[0].data(), y[0].data(), 9, dx[0].data(), dy[0].data()); });
  check_vjp<double>("softmax", {{"z", kCols, -3, 3}}, {{"p", kCols}},
      [](const auto& x, auto& y) { softmax(x[0].data(), y[0].data()); },
      [](const auto& x, auto& y, auto& dx, auto& dy) { softmax_pullback(x[0].data(), y[0].data(), dx[0].data(), dy[0].data()); });
  check_vjp<double>("scale_and_square", {{"x", 6, -2, 2}, {"a", 1, -2, 2}}, {{"u", 6}, {"v", 6}},
      [](const auto& x, auto& y) { scale_and_square(x[0].data(), x[1][0], y[0].data(), y[1].data(), 6); },
      [](const auto& x, auto& y, auto& dx, auto& dy) {
        scale_and_square_pullback(x[0].data(), x[1][0], y[0].data(), y[1].data(), 6, dx[0].data(), &dx[1][0],
                                  dy[0].data(), dy[1].data());
      });
  return arraycheck::report();
}
#endif
