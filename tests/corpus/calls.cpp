// Corpus: marked functions calling marked functions (a chain of three, nested
// calls, calls with integer arguments, GRADC_GRAD_WRT callers) and functions
// inside namespaces.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh).
#include <gradc/gradc.h>

#include <cmath>

// The chain: outer -> middle -> inner.
GRADC_GRAD
double inner(double x) { return std::sin(x) * x; }

GRADC_GRAD
double middle(double x, double y) { return inner(x * y) + y * inner(y); }

GRADC_GRAD
double outer(double x, double y, double z) { return middle(x, z) * inner(y) + middle(y, x) / (2 + z * z); }

// A call as the argument of a call, and a result used twice.
GRADC_GRAD
double nested_calls(double x) {
  double t = inner(inner(x));
  return t * t + inner(x / 2);
}

// A callee with an integer parameter.
GRADC_GRAD
double scaled(double x, int n) { return x * n + std::exp(x / n); }

GRADC_GRAD
double calls_scaled(double x, double y) { return scaled(x * y, 3) - scaled(y, -2) * x; }

// A GRADC_GRAD_WRT caller of a GRADC_GRAD callee: the callee's adjoint for the
// argument x (not differentiated here) must not leak anywhere.
GRADC_GRAD_WRT(w)
double wrt_caller(double w, double x) { return middle(w, x) + w * x; }

// A GRADC_GRAD caller of a GRADC_GRAD_WRT(a) callee, passing a constant for the
// callee's non-differentiated b. (b depending on a differentiated input is in
// calls_wrt.cpp.)
GRADC_GRAD_WRT(a)
double wrt_callee(double a, double b) { return a * b * b; }

GRADC_GRAD
double calls_wrt_callee(double x, double y) { return wrt_callee(x * y, 1.5) + y; }

// The callee's result flows through branches and re-assignment.
GRADC_GRAD
double call_in_branch(double x, double y) {
  double r = inner(x);
  if (r > 0) {
    r = middle(r, y);
  } else {
    r = r * inner(y);
  }
  return r;
}

namespace ml {

GRADC_GRAD
double softplus(double x) { return std::log1p(std::exp(x)); }

GRADC_GRAD
double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

// Logistic-regression loss for one sample with label t in {0, 1}.
GRADC_GRAD_WRT(w, b)
double logistic_loss(double w, double b, double x, int t) {
  double z = w * x + b;
  return softplus(z) - t * z;
}

namespace detail {
GRADC_GRAD
double gate(double a, double b) { return sigmoid(a) * std::tanh(b); }
}  // namespace detail

}  // namespace ml

// A function outside the namespace calling into it.
GRADC_GRAD
double uses_namespace(double x, double y) { return ml::detail::gate(x, y) + ml::softplus(x - y); }

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, inner, (x[0]), {"x", -4, 4});
  GRADCHECK(double, middle, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, outer, (x[0], x[1], x[2]), {"x", -2, 2}, {"y", -2, 2}, {"z", -2, 2});
  GRADCHECK(double, nested_calls, (x[0]), {"x", -3, 3});
  GRADCHECK(double, scaled, (x[0], 3), {"x", -3, 3});
  GRADCHECK(double, calls_scaled, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, wrt_caller, (x[0], 1.25), {"w", -2, 2});
  GRADCHECK(double, wrt_caller, (x[0], -0.5), {"w", -2, 2});
  GRADCHECK(double, wrt_callee, (x[0], 1.5), {"a", -2, 2});
  GRADCHECK(double, calls_wrt_callee, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, call_in_branch, (x[0], x[1]), {"x", -3, 3}, {"y", -2, 2});
  GRADCHECK(double, ml::softplus, (x[0]), {"x", -4, 4});
  GRADCHECK(double, ml::sigmoid, (x[0]), {"x", -4, 4});
  GRADCHECK(double, ml::logistic_loss, (x[0], x[1], 1.5, 1), {"w", -2, 2}, {"b", -2, 2});
  GRADCHECK(double, ml::logistic_loss, (x[0], x[1], -0.75, 0), {"w", -2, 2}, {"b", -2, 2});
  GRADCHECK(double, ml::detail::gate, (x[0], x[1]), {"a", -3, 3}, {"b", -3, 3});
  GRADCHECK(double, uses_namespace, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});
  return gradcheck::report();
}
#endif
