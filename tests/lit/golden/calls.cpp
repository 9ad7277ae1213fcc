// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

namespace model {
GRADC_GRAD
double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// A marked callee is used through its pullback; its value through g_primal.
GRADC_GRAD_WRT(w)
double neuron(double w, double x, int scale) {
  double p = sigmoid(w * x);
  return p * p * scale;
}
}  // namespace model

// CHECK-LABEL: inline double sigmoid_primal(double z) {
// CHECK-NEXT: // line 10: return 1.0 / (1.0 + std::exp(-z))
// CHECK-NEXT: double sigmoid = ::gradc::sigmoid(z);
// CHECK-NEXT: return sigmoid;
// CHECK-NEXT: }
// CHECK-LABEL: inline void neuron_pullback(double w, double x, int scale, double d_ret, double* d_w) {
// CHECK-NEXT: // line 15: double p = sigmoid(w * x);
// CHECK-NEXT: double t0 = w * x;
// CHECK-NEXT: double p = sigmoid_primal(t0);
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 16: return p * p * scale
// CHECK-NEXT: double d_p = d_ret * scale * (2.0 * p);
// CHECK-NEXT: // line 15: double p = sigmoid(w * x);
// CHECK-NEXT: double d_t0 = 0.0;
// CHECK-NEXT: sigmoid_pullback(t0, d_p, &d_t0);
// CHECK-NEXT: *d_w += d_t0 * x;
// CHECK-NEXT: }
