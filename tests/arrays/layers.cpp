// Array corpus: layers and losses. Nested loops over flat weights W[i*n+j],
// activations (tanh, sigmoid, relu by ?:), local arrays written in one loop
// and read in a later one, a running max over a constant-size array, and a
// reduction into local array elements (z[i] += ...).
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// arraycheck.hpp and run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

constexpr int kIn = 5;
constexpr int kHidden = 4;
constexpr int kClasses = 5;

// A sigmoid layer, then half the squared distance of its output to y.
GRADC_GRAD_WRT(W, b, x)
double sigmoid_layer_loss(const double* W, const double* b, const double* x, const double* y) {
  double loss = 0.0;
  for (int i = 0; i < kHidden; ++i) {
    double z = b[i];
    for (int j = 0; j < kIn; ++j) z += W[i * kIn + j] * x[j];
    double h = 1.0 / (1.0 + std::exp(-z));
    double r = h - y[i];
    loss += 0.5 * r * r;
  }
  return loss;
}

// Two layers: relu by ?: into a local array in the first loop, a tanh
// readout reading it in the second.
GRADC_GRAD_WRT(W1, b1, w2)
double relu_mlp(const double* W1, const double* b1, const double* w2, const double* x) {
  double h[kHidden];
  for (int i = 0; i < kHidden; ++i) {
    double z = b1[i];
    for (int j = 0; j < kIn; ++j) z += W1[i * kIn + j] * x[j];
    h[i] = z > 0.0 ? z : 0.0;
  }
  double out = 0.0;
  for (int i = 0; i < kHidden; ++i) out += w2[i] * h[i];
  return std::tanh(out);
}

// Softmax cross-entropy of a linear model: logits in a local array, their
// running max (by ?:) subtracted for stability, log-sum-exp. The max is
// carried across iterations; the bound is a constant, so the reverse sweep
// keeps it per iteration in an automatic array.
GRADC_GRAD_WRT(W, b)
double softmax_xent(const double* W, const double* b, const double* x, int label) {
  double z[kClasses];
  for (int k = 0; k < kClasses; ++k) {
    double s = b[k];
    for (int j = 0; j < kIn; ++j) s += W[k * kIn + j] * x[j];
    z[k] = s;
  }
  double m = z[0];
  for (int k = 1; k < kClasses; ++k) m = z[k] > m ? z[k] : m;
  double sum = 0.0;
  for (int k = 0; k < kClasses; ++k) sum += std::exp(z[k] - m);
  return std::log(sum) + m - z[label];
}

// A reduction into local array elements: z = {} then z[i] += W[i][j] x[j];
// then a smooth readout of z.
GRADC_GRAD_WRT(W, x)
double accumulate_rows(const double* W, const double* x) {
  double z[kHidden] = {};
  for (int i = 0; i < kHidden; ++i) {
    for (int j = 0; j < kIn; ++j) z[i] += W[i * kIn + j] * x[j];
  }
  double s = 0.0;
  for (int i = 0; i < kHidden; ++i) s += std::sin(z[i]) * z[i];
  return s;
}

// Element updates of a local array: a[i] = e, then a[i] -= e and a[i] += e
// in later loops, then a weighted sum of the result.
GRADC_GRAD
double element_updates(const double* x, const double* y) {
  double a[kIn];
  for (int i = 0; i < kIn; ++i) a[i] = x[i] * x[i];
  for (int i = 0; i < kIn; ++i) a[i] -= std::cos(y[i]);
  for (int i = 1; i < kIn; ++i) a[i] += 0.5 * x[i - 1] * y[i];
  double s = 0.0;
  for (int i = 0; i < kIn; ++i) s += (i + 1) * a[i];
  return s;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

namespace {
const double kX[kIn] = {0.8, -1.2, 0.3, 1.5, -0.4};
const double kY[kHidden] = {0.2, 0.9, 0.5, 0.1};
}  // namespace

int main() {
  using arraycheck::check;
  check<double>("sigmoid_layer_loss", {{"W", kHidden * kIn, -1, 1}, {"b", kHidden, -1, 1}, {"x", kIn, -2, 2}},
      [](const auto& x) { return sigmoid_layer_loss(x[0].data(), x[1].data(), x[2].data(), kY); },
      [](const auto& x, auto& d) {
        return sigmoid_layer_loss_grad(x[0].data(), x[1].data(), x[2].data(), kY, d[0].data(), d[1].data(), d[2].data());
      },
      [](const auto& x, auto s, auto& d) {
        sigmoid_layer_loss_pullback(x[0].data(), x[1].data(), x[2].data(), kY, s, d[0].data(), d[1].data(), d[2].data());
      });
  check<double>("relu_mlp", {{"W1", kHidden * kIn, -1, 1}, {"b1", kHidden, -0.5, 0.5}, {"w2", kHidden, -1, 1}},
      [](const auto& x) { return relu_mlp(x[0].data(), x[1].data(), x[2].data(), kX); },
      [](const auto& x, auto& d) {
        return relu_mlp_grad(x[0].data(), x[1].data(), x[2].data(), kX, d[0].data(), d[1].data(), d[2].data());
      },
      [](const auto& x, auto s, auto& d) {
        relu_mlp_pullback(x[0].data(), x[1].data(), x[2].data(), kX, s, d[0].data(), d[1].data(), d[2].data());
      });
  for (int label : {0, 3}) {
    check<double>(label == 0 ? "softmax_xent (label 0)" : "softmax_xent (label 3)",
        {{"W", kClasses * kIn, -1, 1}, {"b", kClasses, -1, 1}},
        [label](const auto& x) { return softmax_xent(x[0].data(), x[1].data(), kX, label); },
        [label](const auto& x, auto& d) { return softmax_xent_grad(x[0].data(), x[1].data(), kX, label, d[0].data(), d[1].data()); },
        [label](const auto& x, auto s, auto& d) { softmax_xent_pullback(x[0].data(), x[1].data(), kX, label, s, d[0].data(), d[1].data()); });
  }
  check<double>("accumulate_rows", {{"W", kHidden * kIn, -1, 1}, {"x", kIn, -1.5, 1.5}},
      [](const auto& x) { return accumulate_rows(x[0].data(), x[1].data()); },
      [](const auto& x, auto& d) { return accumulate_rows_grad(x[0].data(), x[1].data(), d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { accumulate_rows_pullback(x[0].data(), x[1].data(), s, d[0].data(), d[1].data()); });
  check<double>("element_updates", {{"x", kIn, -2, 2}, {"y", kIn, -2, 2}},
      [](const auto& x) { return element_updates(x[0].data(), x[1].data()); },
      [](const auto& x, auto& d) { return element_updates_grad(x[0].data(), x[1].data(), d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { element_updates_pullback(x[0].data(), x[1].data(), s, d[0].data(), d[1].data()); });
  return arraycheck::report();
}
#endif
