// A marked function taking arrays, called from another marked function,
// is used through its generated pullback (its value through _primal), not
// inlined: one shared pullback however many calls. Checked against central
// differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

namespace model {

constexpr int N = 4;

GRADC_GRAD_WRT(w)
double unit(const double* w, const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += w[i] * x[i];
  return std::tanh(s);
}

GRADC_GRAD
double score(const double* w, const double* x) {
  double s = 0.0;
  for (int i = 0; i < N; ++i) s += w[i] * x[i] * x[i];
  return s;
}

// CHECK-LABEL: inline double two_units_grad(
// CHECK: double a = unit_primal(w, h, gradc_src::N);
// CHECK: unit_pullback(w, x, gradc_src::N, {{.*}}, d_w);
// CHECK: unit_pullback(v, x, gradc_src::N, {{.*}}, d_v);
// CHECK: unit_pullback(w, h, gradc_src::N, {{.*}}, d_w);
// h depends on x alone: passing it where unit takes no adjoint is fine.
GRADC_GRAD_WRT(w, v)
double two_units(const double* w, const double* v, const double* x) {
  double h[N];
  for (int j = 0; j < N; ++j) h[j] = x[j] * x[j];
  double a = unit(w, h, N);
  double b = unit(v, x, N);
  return a * b + unit(w, x, N);
}

// CHECK-LABEL: inline double fixed_weights_grad(
// CHECK: double d_unused0[4] = {};
// CHECK: score_pullback(fixed, x, {{.*}}, d_unused0, d_x);
// The callee's w is a constant local array here: a scratch adjoint for it.
GRADC_GRAD
double fixed_weights(const double* x) {
  double fixed[N] = {};
  for (int i = 0; i < N; ++i) fixed[i] = 0.5 + i;
  return score(fixed, x) * score(fixed, x);
}

// In a loop, with a local array per iteration.
GRADC_GRAD_WRT(w)
double per_sample(const double* w, const double* xs) {
  double total = 0.0;
  for (int s = 0; s < 3; ++s) {
    double ws[N];
    for (int i = 0; i < N; ++i) ws[i] = w[i] * (s + 1.0);
    double xs_s[N];
    for (int i = 0; i < N; ++i) xs_s[i] = xs[s * N + i];
    total += unit(ws, xs_s, N);
  }
  return total;
}

// One array for both of score's arrays: its pullback's adjoint arrays are
// restrict, so this call is inlined, not called with d_x twice.
// CHECK-LABEL: inline double squared_grad(
// CHECK-NOT: score_pullback
// CHECK: return squared;
GRADC_GRAD
double squared(const double* x) { return score(x, x); }

}  // namespace model

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <functional>
#include <vector>

namespace {

int bad = 0;

void check(const char* what, std::vector<double>& p, const std::vector<double>& grad, const std::function<double()>& f) {
  bad |= !reportGradient(what, p, grad, f);
}

}  // namespace

int main() {
  using namespace model;
  std::vector<double> w = {0.3, -0.2, 0.5, 0.1}, v = {-0.4, 0.6, 0.2, -0.3}, x = {0.9, -0.5, 0.7, 1.1};
  std::vector<double> dw(N), dv(N), dx(N);
  double value = two_units_grad(w.data(), v.data(), x.data(), dw.data(), dv.data());
  bad |= value != two_units(w.data(), v.data(), x.data());
  auto f = [&] { return two_units(w.data(), v.data(), x.data()); };
  check("two_units dw", w, dw, f);
  check("two_units dv", v, dv, f);
  fixed_weights_grad(x.data(), dx.data());
  check("fixed_weights dx", x, dx, [&] { return fixed_weights(x.data()); });
  std::vector<double> xs(3 * N), dw2(N);
  for (int i = 0; i < 3 * N; ++i) xs[i] = std::sin(0.7 * i + 0.3);
  per_sample_grad(w.data(), xs.data(), dw2.data());
  check("per_sample dw", w, dw2, [&] { return per_sample(w.data(), xs.data()); });
  std::vector<double> dx3(N);
  squared_grad(x.data(), dx3.data());
  check("squared dx", x, dx3, [&] { return squared(x.data()); });
  return bad;
}
#endif
