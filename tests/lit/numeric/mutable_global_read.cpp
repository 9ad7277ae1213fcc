// Mutable globals read by a differentiated function (peer suites' `double
// g_factor = 3.0; double f(double x) { return g_factor * x * x; }`): inputs
// that are not differentiated, read by name at run time (not their initial
// value: the test changes them), declared `extern` in the header. Writing
// one, or reading one in a function that calls code gradc does not see into
// (which could change it), stays rejected: diagnostics/mutable_global.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK: extern double g_factor;
// CHECK: extern double g_table[3];
// CHECK: namespace cfg {
// CHECK: extern float gain;
double g_factor = 3.0;
double g_table[3] = {1.0, 2.0, 3.0};
int g_n = 3;
namespace cfg {
float gain = 0.5f;
}

GRADC_GRAD
double global_read(double x) { return g_factor * x * x; }

// A table and a trip count from globals, and a float global in a namespace.
GRADC_GRAD
double table_read(const double* x) {
  double s = 0;
  for (int i = 0; i < g_n; ++i) s += g_table[i] * std::sin(x[i]);
  return s * cfg::gain;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  for (double factor : {3.0, -0.5}) {  // the gradient reads the global's current value
    g_factor = factor;
    double d = 0;
    const double x = 1.25;
    ok &= global_read_grad(x, &d) == global_read(x) && std::fabs(d - 2 * factor * x) < 1e-15;
    std::printf("g_factor %.2f: d/dx %.6f (by hand %.6f)\n", factor, d, 2 * factor * x);
  }
  g_table[1] = -4.0;
  g_n = 2;  // the third element is not read
  cfg::gain = 2.0f;
  std::vector<double> x = {0.3, -0.7, 0.9}, d_x(3, 0.0);
  ok &= table_read_grad(x.data(), d_x.data()) == table_read(x.data());
  double vs_hand = 0;
  for (int i = 0; i < 3; ++i)
    vs_hand = std::fmax(vs_hand, std::fabs(d_x[i] - (i < 2 ? g_table[i] * std::cos(x[i]) * 2.0 : 0.0)));
  std::printf("table_read vs hand-written %.1e\n", vs_hand);
  ok &= vs_hand < 1e-15;
  ok &= reportGradient("table_read", x, d_x, [&] { return table_read(x.data()); }, 1e-8);
  return ok ? 0 : 1;
}
#endif
