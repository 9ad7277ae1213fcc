// --emit-check: f_gradcheck(<f's arguments>) puts central differences of f
// beside f_grad and reports the worst component (gradc/check.h). It passes on
// correct gradients (double and float, scalars, fixed and run-time arrays, a
// work buffer), and it fails, naming the parameter and component, on a wrong
// user rule and on a too-small work buffer. The arrays come back bit for bit.
// RUN: %gradc --emit-check %s -o %t.hpp -- %flags -I%S 2> %t.err
// RUN: %FileCheck %s < %t.hpp
// RUN: not grep -q "warning" %t.err
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/wrong_rule.hpp"

// CHECK: #include <gradc/check.h>
// CHECK-LABEL: inline gradc::GradCheck decay_gradcheck(double k, const double* x0, int n, double* d_x0, std::size_t x0_len, void* work, std::size_t work_bytes) {
// CHECK-NEXT: double d_k = 0;
// CHECK-NEXT: for (std::size_t i = 0; i < x0_len; ++i) d_x0[i] = 0;
// CHECK-NEXT: auto primal = [&] { return decay(k, x0, n); };
// CHECK: decay_grad(k, x0, n, &d_k, d_x0, work, work_bytes), primal());
// CHECK: gradc::central_difference(const_cast<double*>(x0)[i], primal)
GRADC_GRAD
double decay(double k, const double* x0, int n) {
  double s = 0;
  for (int i = 0; i < 2; ++i) {
    double x = x0[i];
    for (int t = 0; t < n; ++t) x = x - 0.1 * k * std::sin(x);
    s += x * x;
  }
  return s;
}

// CHECK-LABEL: inline gradc::GradCheck layer_gradcheck(const float* w, float b, const float* in) {
// CHECK-NEXT: float d_w[3] = {};
// CHECK-NEXT: float d_b = 0;
GRADC_GRAD_WRT(w, b)
float layer(const float w[3], float b, const float in[3]) {
  float z = b;
  for (int i = 0; i < 3; ++i) z += w[i] * in[i];
  return std::tanh(z);
}

GRADC_GRAD
double cubed(double x, double y) { return cube(x) + x * y; }

// (checked through its pullback: numeric/gradcheck_outputs.cpp)
GRADC_GRAD
void fill(const double* x, double* out) {
  out[0] = x[0] * x[1];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

int main() {
  bool ok = true;
  double x0[2] = {0.3, -1.2}, keep[2], d_x0[2];
  std::memcpy(keep, x0, sizeof x0);
  for (int n : {1, 7}) {
    std::size_t bytes = decay_grad_work_bytes(n);
    void* work = std::malloc(bytes);
    gradc::GradCheck r = decay_gradcheck(0.8, x0, n, d_x0, 2, work, bytes);
    gradc::print_report("decay", r, gradc::check_tolerance<double>());
    ok = ok && gradc::passed<double>(r) && r.compared == 4 && std::memcmp(x0, keep, sizeof x0) == 0;
    // One byte short: f_grad returns NaN, which the check reports at the value.
    r = decay_gradcheck(0.8, x0, n, d_x0, 2, work, bytes - 1);
    gradc::print_report("decay, short buffer", r, gradc::check_tolerance<double>());
    ok = ok && !gradc::passed<double>(r) && std::strcmp(r.parameter, "decay") == 0;
    std::free(work);
  }

  float w[3] = {0.5f, -0.25f, 1.5f}, in[3] = {0.1f, 0.7f, -0.3f};
  gradc::GradCheck r = layer_gradcheck(w, 0.2f, in);
  gradc::print_report("layer", r, gradc::check_tolerance<float>());
  ok = ok && gradc::passed<float>(r) && r.compared == 5;

  // The wrong rule: d/dx is off by x^2 (0.25 at x = 0.5); y's is right.
  r = cubed_gradcheck(0.5, 2.0);
  gradc::print_report("cubed (wrong rule)", r, gradc::check_tolerance<double>());
  ok = ok && !gradc::passed<double>(r) && std::strcmp(r.parameter, "x") == 0 && r.component == 0 &&
       std::fabs(r.reference - 2.75) < 1e-6 && std::fabs(r.generated - 2.5) < 1e-12;

  // gradc::compare against a hand-written gradient: equal passes, one wrong component fails there.
  double g_a[3] = {1, 2, 3}, g_b[3] = {1, 2, 3.5};
  gradc::GradCheck same, differ;
  gradc::compare(same, "w", g_a, g_a, 3);
  gradc::compare(differ, "w", g_a, g_b, 3);
  ok = ok && gradc::passed(same, 1e-12) && !gradc::passed(differ, 1e-3) && differ.component == 2;
  std::printf("%s\n", ok ? "all as expected" : "UNEXPECTED");
  return ok ? 0 : 1;
}
#endif
