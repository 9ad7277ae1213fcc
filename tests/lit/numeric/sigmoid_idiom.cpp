// The sigmoid idiom (GRADC_IDIOM in templates/rules.hpp): each spelling of
// 1/(1+exp(-x)) becomes one call gradc::sigmoid(x), differentiated as y(1-y);
// near misses keep the ordinary lowering. Every gradient is checked against
// central differences (tests/support/gradcheck.hpp), double and float.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S/../../support
#include <gradc/gradc.h>

#include <cmath>
#include <math.h>  // ::exp, ::expf

// CHECK: #include <gradc/math.h>

// CHECK-LABEL: inline void dbl_pullback(
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: gradc::sigmoid(x)
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: * (1.0 - {{[a-z0-9_]+}})
GRADC_GRAD double dbl(double x) { return 1.0 / (1.0 + exp(-x)); }

// CHECK-LABEL: inline void ints_pullback(
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: gradc::sigmoid(x)
GRADC_GRAD double ints(double x) { return 1 / (1 + std::exp(-x)); }

// CHECK-LABEL: inline void flt_pullback(
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: gradc::sigmoid(x)
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: * (1.0f - {{[a-z0-9_]+}})
GRADC_GRAD float flt(float x) { return 1.0f / (1.0f + expf(-x)); }

// CHECK-LABEL: inline void flt_std_pullback(
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: gradc::sigmoid(x)
GRADC_GRAD float flt_std(float x) { return (1.0f / ((1.0f) + std::exp(-(x)))); }

// A compound argument: sigmoid(w*x+b), and a sigmoid inside a larger expression.
// CHECK-LABEL: inline void neuron_pullback(
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: gradc::sigmoid(
GRADC_GRAD double neuron(double w, double x, double b) { return 1.0 / (1.0 + std::exp(-(w * x + b))); }

// CHECK-LABEL: inline void neuron_f_pullback(
// CHECK-NOT: {{^[^/]*exp}}
// CHECK: gradc::sigmoid(
GRADC_GRAD float neuron_f(float w, float x, float b) { return x * (1.0f / (1.0f + std::exp(-(w * x + b)))) + b; }

// Near misses: not the sigmoid's shape, differentiated operation by operation.
// CHECK-LABEL: inline void plus_exp_pullback(
// CHECK-NOT: sigmoid
// CHECK: std::exp(x)
GRADC_GRAD double plus_exp(double x) { return 1.0 / (1.0 + std::exp(x)); }

// CHECK-LABEL: inline void two_over_pullback(
// CHECK-NOT: sigmoid
// CHECK: std::exp(-x)
GRADC_GRAD double two_over(double x) { return 2.0 / (1.0 + std::exp(-x)); }

// A float exp inside double arithmetic computes something else than either
// overload of gradc::sigmoid: not matched (its forward value must not change).
// CHECK-LABEL: inline void mixed_pullback(
// CHECK-NOT: sigmoid
// CHECK: std::exp(
GRADC_GRAD double mixed(double x) { return 1.0 / (1.0 + std::exp(-static_cast<float>(x))); }

// In a loop whose reverse sweep runs after it: with a run-time trip count
// the reverse loop recomputes the call like any other pure call; with a
// fixed one it keeps its result per iteration (p_kept), as it would exp's.
// CHECK-LABEL: inline void loop_pullback(
// CHECK: double p = gradc::sigmoid(
// CHECK: // reverse sweep
// CHECK: double p = gradc::sigmoid(
// CHECK: * (p * (1.0 - p))
GRADC_GRAD_WRT(w)
double loop(const double* w, const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double p = 1.0 / (1.0 + std::exp(-(w[i] * x[i])));
    s += p * p * x[i];
  }
  return s * s;
}

// CHECK-LABEL: inline void loop_fixed_pullback(
// CHECK: p_kept[i] = p;
// CHECK: // reverse sweep
// CHECK: float p = p_kept[i];
// CHECK: * (p * (1.0f - p))
GRADC_GRAD_WRT(w)
float loop_fixed(const float* w, const float* x) {
  float s = 0.0f;
  for (int i = 0; i < 8; ++i) {
    float p = 1.0f / (1.0f + std::exp(-(w[i] * x[i])));
    s += p * p * x[i];
  }
  return s * s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, dbl, (x[0]), {"x", -6, 6});
  GRADCHECK(double, ints, (x[0]), {"x", -6, 6});
  GRADCHECK(float, flt, (x[0]), {"x", -6, 6});
  GRADCHECK(float, flt_std, (x[0]), {"x", -6, 6});
  GRADCHECK(double, neuron, (x[0], x[1], x[2]), {"w", -2, 2}, {"x", -2, 2}, {"b", -1, 1});
  GRADCHECK(float, neuron_f, (x[0], x[1], x[2]), {"w", -2, 2}, {"x", -2, 2}, {"b", -1, 1});
  GRADCHECK(double, plus_exp, (x[0]), {"x", -6, 6});
  GRADCHECK(double, two_over, (x[0]), {"x", -6, 6});
  // mixed: a float exp makes double finite differences meaningless; its
  // derivative is checked against the exact one instead.
  double d = 0;
  const double y = mixed_grad(0.75, &d);
  const double s = 1.0 / (1.0 + std::exp(-0.75));
  if (y != mixed(0.75) || std::fabs(d - s * (1 - s)) > 1e-6) {
    std::printf("FAIL mixed: value %.17g vs %.17g, gradient %.17g vs %.17g\n", y, mixed(0.75), d, s * (1 - s));
    return 1;
  }
  // The loops, against central differences in double (float: five-point
  // stencil with a large step, as gradcheck does).
  {
    double w[8], x[8], dw[8] = {};
    float wf[8], xf[8], dwf[8] = {};
    for (int i = 0; i < 8; ++i) {
      w[i] = wf[i] = 0.25f * static_cast<float>(i) - 1.0f;
      x[i] = xf[i] = 1.5f - 0.375f * static_cast<float>(i);
    }
    loop_grad(w, x, 8, dw);
    loop_fixed_grad(wf, xf, dwf);
    double worst = 0, worstf = 0;
    for (int i = 0; i < 8; ++i) {
      const double h = 1e-6, w0 = w[i];
      w[i] = w0 + h;
      const double up = loop(w, x, 8);
      w[i] = w0 - h;
      const double down = loop(w, x, 8);
      w[i] = w0;
      const double fd = (up - down) / (2 * h);
      worst = std::fmax(worst, std::fabs(dw[i] - fd) / std::fmax(1.0, std::fabs(fd)));
      const float hf = 1.0f / 32, wf0 = wf[i];
      double v[4];
      const float steps[4] = {2 * hf, hf, -hf, -2 * hf};
      for (int k = 0; k < 4; ++k) {
        wf[i] = wf0 + steps[k];
        v[k] = loop_fixed(wf, xf);
      }
      wf[i] = wf0;
      const double fdf = (8 * (v[1] - v[2]) - (v[0] - v[3])) / (12.0 * hf);
      worstf = std::fmax(worstf, std::fabs(dwf[i] - fdf) / std::fmax(1.0, std::fabs(fdf)));
    }
    std::printf("loops: worst rel error vs central differences: double %.3g, float %.3g\n", worst, worstf);
    if (!(worst <= 1e-6 && worstf <= 1e-3)) return 1;
  }
  return gradcheck::report();
}
#endif
