// `const std::vector<T>&` parameters of marked functions (issue 23, item 7):
// read like arrays of run-time length through `v.data()` and `v.size()`,
// bound at the top; the adjoint is `std::vector<T>* d_v`, sized by the
// caller (it adds to d_v->data()[i]). A loop over v.size() the reverse sweep
// must keep is refused (f_grad_work_bytes takes int parameters only):
// diagnostics/runtime_storage.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
// RUN: %cxx-check %t.hpp
#include <gradc/gradc.h>

#include <cmath>
#include <vector>

// CHECK-LABEL: inline double cube_sum_grad(const std::vector<double>& v, std::vector<double>* GRADC_RESTRICT d_v) {
// CHECK:         const double* v_data = v.data();
// CHECK:         const unsigned long v_size = v.size();
// CHECK:         double* d_v_data = d_v->data();
GRADC_GRAD
double cube_sum(const std::vector<double>& v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i) s += v[i] * v[i] * v[i];
  return s;
}

// Carried state over an int trip count, the vector read modulo its length.
GRADC_GRAD
double carried(const std::vector<double>& w, double x, int n) {
  for (int i = 0; i < n; ++i) x = std::sin(x * w[i % w.size()]) + 0.25 * x;
  return x;
}

static double dot(const double* a, const double* b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

// Two vectors of different types; `.data()` given to a helper.
GRADC_GRAD
float mixed(const std::vector<float>& a, const std::vector<double>& b, int n) {
  return static_cast<float>(dot(b.data(), b.data(), n)) + a[0] * std::exp(a[1]);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  std::vector<double> v = {0.5, -1.25, 2.0, 0.75}, d_v(4, 0.0);
  ok &= cube_sum_grad(v, &d_v) == cube_sum(v);
  double hand = 0;
  for (int i = 0; i < 4; ++i) hand = std::fmax(hand, std::fabs(d_v[i] - 3 * v[i] * v[i]));
  std::printf("cube_sum vs hand-written %.1e\n", hand);
  ok &= hand < 1e-15;
  ok &= reportGradient("cube_sum", v, d_v, [&] { return cube_sum(v); });

  std::vector<double> w = {0.3, -0.7, 1.1}, d_w(3, 0.0), x = {0.6}, d_x(1, 0.0);
  std::vector<unsigned char> work(carried_grad_work_bytes(7));
  ok &= carried_grad(w, x[0], 7, &d_w, &d_x[0], work.data(), work.size()) == carried(w, x[0], 7);
  ok &= reportGradient("carried: w", w, d_w, [&] { return carried(w, x[0], 7); });
  ok &= reportGradient("carried: x", x, d_x, [&] { return carried(w, x[0], 7); });

  std::vector<float> a = {0.5f, -0.25f}, d_a(2, 0.0f);
  std::vector<double> b = {1.5, -2.0, 0.5}, d_b(3, 0.0);
  ok &= mixed_grad(a, b, 3, &d_a, &d_b) == mixed(a, b, 3);
  double mixed_hand = std::fabs(d_a[0] - std::exp(a[1])) + std::fabs(d_a[1] - a[0] * std::exp(a[1]));
  for (int i = 0; i < 3; ++i) mixed_hand += std::fabs(d_b[i] - 2 * b[i]);
  std::printf("mixed vs hand-written %.1e\n", mixed_hand);
  ok &= mixed_hand < 1e-6;
  return ok ? 0 : 1;
}
#endif
