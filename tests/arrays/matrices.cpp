// Array corpus: 2-D local arrays (stored flat, row-major, indexed a[i][j]).
// Checked against finite differences (see arraycheck.hpp and run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

constexpr int kB = 4;  // batch
constexpr int kD = 3;  // inputs
constexpr int kH = 5;  // hidden

// A batch of hidden activations kept in a 2-D local array, then pooled.
GRADC_GRAD_WRT(W)
double batch_hidden(const double* W, const double* X) {
  double h[kB][kH] = {};
  for (int b = 0; b < kB; ++b)
    for (int j = 0; j < kH; ++j) {
      double z = 0.0;
      for (int i = 0; i < kD; ++i) z += W[j * kD + i] * X[b * kD + i];
      h[b][j] = std::tanh(z);
    }
  double loss = 0.0;
  for (int j = 0; j < kH; ++j) {
    double pooled = 0.0;
    for (int b = 0; b < kB; ++b) pooled += h[b][j];
    loss += pooled * pooled;
  }
  return loss;
}

// A Gram matrix of the inputs, accumulated in place with +=.
GRADC_GRAD
double gram_trace(const double* X) {
  double G[kD][kD] = {};
  for (int b = 0; b < kB; ++b)
    for (int i = 0; i < kD; ++i)
      for (int j = 0; j < kD; ++j) G[i][j] += X[b * kD + i] * X[b * kD + j];
  double s = 0.0;
  for (int i = 0; i < kD; ++i)
    for (int j = 0; j < kD; ++j) s += std::sin(G[i][j]) * (i == j ? 2.0 : 1.0);
  return s;
}

// Three dimensions, float.
GRADC_GRAD
float cube(float x, float y) {
  float c[2][3][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 2; ++k) c[i][j][k] = std::exp(0.1f * static_cast<float>(i + j - k) * x) * y;
  float s = 0.0f;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) s += c[i][j][0] * c[1 - i][2 - j][1];
  return s;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

static double X[kB * kD];

int main() {
  using arraycheck::check;
  for (int k = 0; k < kB * kD; ++k) X[k] = std::sin(1.7 * k);
  check<double>("batch_hidden", {{"W", kH * kD, -1, 1}},
      [](const auto& x) { return batch_hidden(x[0].data(), X); },
      [](const auto& x, auto& d) { return batch_hidden_grad(x[0].data(), X, d[0].data()); },
      [](const auto& x, auto s, auto& d) { batch_hidden_pullback(x[0].data(), X, s, d[0].data()); });
  check<double>("gram_trace", {{"X", kB * kD, -1, 1}},
      [](const auto& x) { return gram_trace(x[0].data()); },
      [](const auto& x, auto& d) { return gram_trace_grad(x[0].data(), d[0].data()); },
      [](const auto& x, auto s, auto& d) { gram_trace_pullback(x[0].data(), s, d[0].data()); });
  check<float>("cube", {{"x", 1, -1, 1}, {"y", 1, -1, 1}},
      [](const auto& x) { return cube(x[0][0], x[1][0]); },
      [](const auto& x, auto& d) { return cube_grad(x[0][0], x[1][0], &d[0][0], &d[1][0]); },
      [](const auto& x, auto s, auto& d) { cube_pullback(x[0][0], x[1][0], s, &d[0][0], &d[1][0]); });
  return arraycheck::report();
}
#endif
