// Arrays read back after being written, at an element an earlier iteration
// wrote and no later write changes (`out[i] = out[i - 1] + ...`, a forward
// substitution reading x[j], j < i): the reverse sweep sees the value the
// read saw, so nothing is saved, and the caller's output arrays take them
// (peer suites' prefix_sum and forward_solve). The seed of out[i] is
// consumed before iteration i - 1 adds its share to d_out[i - 1]. Reads of
// elements written later stay rejected: diagnostics/caller_array_overwrite.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: void prefix_sum_pullback(const double* x, double* out, int n, double* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_out) {
// CHECK-NOT: saved
// CHECK: double d_t0 = d_out[i];
// CHECK-NEXT: d_out[i] = 0.0;
// CHECK: d_out[i - 1] += d_t0;
GRADC_GRAD
void prefix_sum(const double* x, double* out, int n) {
  out[0] = x[0];
  for (int i = 1; i < n; i++) out[i] = out[i - 1] + x[i] * x[i];
}

// CHECK-LABEL: void forward_solve_pullback(const double* L, const double* b, double* x, int n, double* GRADC_RESTRICT d_L, double* GRADC_RESTRICT d_b, double* GRADC_RESTRICT d_x) {
// CHECK-NOT: saved
GRADC_GRAD
void forward_solve(const double* L, const double* b, double* x, int n) {
  for (int i = 0; i < n; i++) {
    double s = b[i];
    for (int j = 0; j < i; j++) s -= L[i * n + j] * x[j];
    x[i] = s / L[i * n + i];
  }
}

// A local array, two elements behind, read after the write too.
// CHECK-LABEL: void lagged_product_pullback(const double* x, double d_ret, double* GRADC_RESTRICT d_x) {
// CHECK-NOT: saved
GRADC_GRAD
double lagged_product(const double* x) {
  double a[8];
  a[0] = x[0];
  a[1] = x[1];
  double s = 0;
  for (int i = 2; i < 8; ++i) {
    a[i] = a[i - 2] * std::sin(x[i]) + a[i - 1];
    s += a[i] * a[i - 1];
  }
  return s + a[7];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  const int n = 5;
  // Seeds w: the pullback's d_x is the gradient of sum_k w[k] out[k].
  const double w[n] = {0.3, -1.1, 0.7, 2.0, -0.4};
  std::vector<double> x = {0.5, 1.5, -2.5, 0.3, 1.2}, d_x(n, 0.0);
  double out[n], d_out[n];
  for (int k = 0; k < n; ++k) d_out[k] = w[k];
  prefix_sum_pullback(x.data(), out, n, d_x.data(), d_out);
  double worst = 0, tail = 0;
  for (int i = n - 1; i >= 0; --i) {  // out[k] = x0 + sum_{0<i<=k} x_i^2
    tail += w[i];
    worst = std::fmax(worst, std::fabs(d_x[i] - (i == 0 ? tail : 2 * x[i] * tail)));
  }
  for (int k = 0; k < n; ++k) ok &= d_out[k] == 0;  // seeds read, then zeroed
  std::printf("prefix_sum vs hand-written %.1e\n", worst);
  ok &= worst < 1e-14;
  auto weighted = [&](auto f) {
    return [&, f] {
      double o[n];
      f(o);
      double s = 0;
      for (int k = 0; k < n; ++k) s += w[k] * o[k];
      return s;
    };
  };
  ok &= reportGradient("prefix_sum", x, d_x, weighted([&](double* o) { prefix_sum(x.data(), o, n); }));

  // x = L^-1 b: with lambda = L^-T w, d_b = lambda, d_L[i][j] = -lambda_i x_j (j <= i).
  std::vector<double> L = {2.0, 0.0, 0.0, 0.0, 0.0,  0.5,  3.0, 0.0, 0.0, 0.0, -0.7, 1.0, 4.0,
                           0.0, 0.0, 0.2, 0.3, -0.6, 2.5, 0.0, 1.1, -0.4, 0.9, 0.8, 1.7};
  std::vector<double> b = {1.0, 2.0, 3.0, -1.0, 0.5}, d_L(n * n, 0.0), d_b(n, 0.0);
  double sol[n];
  for (int k = 0; k < n; ++k) d_out[k] = w[k];
  forward_solve_pullback(L.data(), b.data(), sol, n, d_L.data(), d_b.data(), d_out);
  double lambda[n];
  for (int i = n - 1; i >= 0; --i) {
    double s = w[i];
    for (int k = i + 1; k < n; ++k) s -= L[k * n + i] * lambda[k];
    lambda[i] = s / L[i * n + i];
  }
  worst = 0;
  for (int i = 0; i < n; ++i) {
    worst = std::fmax(worst, std::fabs(d_b[i] - lambda[i]));
    for (int j = 0; j < n; ++j) worst = std::fmax(worst, std::fabs(d_L[i * n + j] - (j <= i ? -lambda[i] * sol[j] : 0.0)));
  }
  std::printf("forward_solve vs hand-written %.1e\n", worst);
  ok &= worst < 1e-14;
  ok &= reportGradient("forward_solve b", b, d_b, weighted([&](double* o) { forward_solve(L.data(), b.data(), o, n); }));
  ok &= reportGradient("forward_solve L", L, d_L, weighted([&](double* o) { forward_solve(L.data(), b.data(), o, n); }));

  std::vector<double> y = {0.4, -0.3, 1.2, 0.8, -1.5, 0.6, 2.1, -0.9}, d_y(8, 0.0);
  ok &= lagged_product_grad(y.data(), d_y.data()) == lagged_product(y.data());
  ok &= reportGradient("lagged_product", y, d_y, [&] { return lagged_product(y.data()); });
  return ok ? 0 : 1;
}
#endif
