// The worked examples of the backpropagation lecture notes (CS231n,
// "Backpropagation, Intuitions"), plus the reverse-mode example of Baydin et
// al., "Automatic Differentiation in Machine Learning: a Survey" (2018), each
// written as an ordinary C++ function and marked for gradc.
//
// gradc reads this file and writes seeds::<name>_grad / seeds::<name>_pullback
// into model.grad.hpp. handwritten.hpp has the same gradients derived by hand.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace seeds {

// Example 1: a single sigmoid neuron. A weighted sum of two inputs plus the
// bias w0, squashed by the logistic sigmoid 1/(1+e^-t). Gradient w.r.t. the
// weights and the inputs.
GRADC_GRAD
double sigmoid_neuron(double w0, double w1, double w2, double x1, double x2) {
  return 1.0 / (1.0 + std::exp(-(w0 + w1 * x1 + w2 * x2)));
}

// Example 2: the notes' first circuit, f(x, y, z) = (x + y) * z.
GRADC_GRAD
double add_mul(double x, double y, double z) { return (x + y) * z; }

// Example 3: "staged computation", f(x, y) = (x + s(y)) / (s(x) + (x + y)^2)
// with s the sigmoid, written as the notes' forward pass with a named
// intermediate for every gate.
GRADC_GRAD
double sigmoid_ratio(double x, double y) {
  double sigy = 1.0 / (1.0 + std::exp(-y));  // sigmoid in the numerator
  double num = x + sigy;                      // numerator
  double sigx = 1.0 / (1.0 + std::exp(-x));  // sigmoid in the denominator
  double xpy = x + y;
  double xpysqr = xpy * xpy;
  double den = sigx + xpysqr;                 // denominator
  double invden = 1.0 / den;
  double f = num * invden;
  return f;
}

// Example 4: Baydin et al.'s example, y = ln(x1) + x1*x2 - sin(x2).
// At (x1, x2) = (2, 5): y = 11.652, gradient (1/x1 + x2, x1 - cos x2) = (5.5, 1.716).
GRADC_GRAD
double log_mul_sin(double x1, double x2) { return std::log(x1) + x1 * x2 - std::sin(x2); }

}  // namespace seeds
