// Corpus: the worked examples of backpropagation lecture notes (CS231n-style).
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh).
#include <gradc/gradc.h>

#include <cmath>

// 2-d sigmoid neuron: f = 1 / (1 + exp(-(w0 + w1*x1 + w2*x2))).
GRADC_GRAD
double neuron(double w0, double w1, double w2, double x1, double x2) {
  return 1.0 / (1.0 + std::exp(-(w0 + w1 * x1 + w2 * x2)));
}

// The same neuron, differentiated w.r.t. the weights only (training view).
GRADC_GRAD_WRT(w0, w1, w2)
double neuron_weights(double w0, double w1, double w2, double x1, double x2) {
  double dot = w0 + w1 * x1 + w2 * x2;
  return 1 / (1 + exp(-dot));
}

// The simplest circuit: f = (x + y) * z.
GRADC_GRAD
double add_mul(double x, double y, double z) { return (x + y) * z; }

// f = (x + sigma(y)) / (sigma(x) + (x + y)^2), as the staged forward pass of
// the notes, one intermediate per line.
GRADC_GRAD
double staged(double x, double y) {
  double sigy = 1.0 / (1 + std::exp(-y));
  double num = x + sigy;
  double sigx = 1.0 / (1 + std::exp(-x));
  double xpy = x + y;
  double xpysqr = xpy * xpy;
  double den = sigx + xpysqr;
  double invden = 1.0 / den;
  double f = num * invden;
  return f;
}

// f(x1, x2) = ln x1 + x1 x2 - sin x2 (the standard reverse-mode AD example).
GRADC_GRAD
double log_mul_sin(double x1, double x2) { return std::log(x1) + x1 * x2 - std::sin(x2); }

// A 1-2-1 tanh network with a squared loss against target t.
GRADC_GRAD_WRT(a1, a2, b1, b2, c1, c2, c0)
double tiny_mlp(double a1, double a2, double b1, double b2, double c1, double c2, double c0,
                double x, double t) {
  double h1 = std::tanh(a1 * x + b1);
  double h2 = std::tanh(a2 * x + b2);
  double out = c1 * h1 + c2 * h2 + c0;
  double err = out - t;
  return 0.5 * err * err;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, neuron, (x[0], x[1], x[2], x[3], x[4]),  //
            {"w0", -3, 3}, {"w1", -3, 3}, {"w2", -3, 3}, {"x1", -2, 2}, {"x2", -2, 2});
  GRADCHECK(double, neuron_weights, (x[0], x[1], x[2], -1.0, 3.0),  //
            {"w0", -3, 3}, {"w1", -3, 3}, {"w2", -3, 3});
  GRADCHECK(double, neuron_weights, (x[0], x[1], x[2], 0.5, -2.0),  //
            {"w0", -3, 3}, {"w1", -3, 3}, {"w2", -3, 3});
  GRADCHECK(double, add_mul, (x[0], x[1], x[2]), {"x", -5, 5}, {"y", -5, 5}, {"z", -5, 5});
  GRADCHECK(double, staged, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, log_mul_sin, (x[0], x[1]), {"x1", 0.1, 5}, {"x2", -4, 4});
  GRADCHECK(double, tiny_mlp, (x[0], x[1], x[2], x[3], x[4], x[5], x[6], 0.75, -0.3),  //
            {"a1", -2, 2}, {"a2", -2, 2}, {"b1", -1, 1}, {"b2", -1, 1}, {"c1", -2, 2},
            {"c2", -2, 2}, {"c0", -1, 1});
  return gradcheck::report();
}
#endif
