// --emit-check on functions with outputs (void, or returning a value too):
// f_gradcheck checks f_pullback's Jacobian row by row, each output component
// seeded in turn, then the returned value, against central differences of
// that component of f. A wrong user rule is reported at its Jacobian entry;
// an in-out output (first read, then written) gets a warning, no check.
// RUN: %gradc --emit-check %s -o %t.hpp -- %flags -I%S 2> %t.err
// RUN: %FileCheck %s < %t.hpp
// RUN: %FileCheck %s --check-prefix=WARN < %t.err
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/wrong_rule.hpp"

// CHECK-LABEL: inline gradc::GradCheck fill_gradcheck(const double* x, double* out, int n, double* d_x, std::size_t x_len, double* d_out, std::size_t out_len) {
// CHECK: for (std::size_t row = 0; row < out_len; ++row) {
// CHECK-NEXT: auto primal = [&] { fill(x, out, n); return out[row]; };
// CHECK: d_out[row] = 1;
// CHECK-NEXT: fill_pullback(x, out, n, d_x, d_out);
GRADC_GRAD
void fill(const double* x, double* out, int n) {
  for (int i = 0; i < n; ++i) out[i] = std::sin(x[i]) * x[0];
}

// CHECK-LABEL: inline gradc::GradCheck both_gradcheck(const float* x, float k, float* y, float* d_x, std::size_t x_len) {
// CHECK: float d_y[2] = {};
// CHECK: both_pullback(x, k, y, 1, d_x, &d_k, d_y);
GRADC_GRAD
float both(const float* x, float k, float y[2]) {
  y[0] = x[0] * k;
  y[1] = std::tanh(x[1]);
  return x[0] + y[1] * k;
}

GRADC_GRAD
void cubes(const double x[2], double y[2]) {
  y[0] = cube(x[0]);
  y[1] = x[0] * x[1];
}

// WARN: warning: no accumulate_gradcheck is written (--emit-check): it reads its output 'y' (an in-out array
GRADC_GRAD
void accumulate(const double* x, double* y) { y[0] += x[0] * x[1]; }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <cstring>

int main() {
  bool ok = true;
  double x[3] = {0.3, -1.2, 0.8}, out[3], d_x[3], d_out[3], keep[3];
  std::memcpy(keep, x, sizeof x);
  gradc::GradCheck r = fill_gradcheck(x, out, 3, d_x, 3, d_out, 3);
  gradc::print_report("fill", r, gradc::check_tolerance<double>());
  ok = ok && gradc::passed<double>(r) && r.compared == 9 && std::memcmp(x, keep, sizeof x) == 0;

  float xf[2] = {0.5f, -0.25f}, y[2], d_xf[2];
  r = both_gradcheck(xf, 1.5f, y, d_xf, 2);
  gradc::print_report("both", r, gradc::check_tolerance<float>());
  // Rows y[0], y[1] and the value, each against x[0], x[1] and k.
  ok = ok && gradc::passed<float>(r) && r.compared == 9;

  // The wrong rule: d y[0] / d x[0] = 3 x^2 = 0.27 at x = 0.3, the rule says 2 x^2 = 0.18.
  double x2[2] = {0.3, 2.0}, y2[2];
  r = cubes_gradcheck(x2, y2);
  gradc::print_report("cubes (wrong rule)", r, gradc::check_tolerance<double>());
  ok = ok && !gradc::passed<double>(r) && r.output != nullptr && std::strcmp(r.output, "y") == 0 &&
       r.output_component == 0 && std::strcmp(r.parameter, "x") == 0 && r.component == 0 &&
       std::fabs(r.reference - 0.27) < 1e-6 && std::fabs(r.generated - 0.18) < 1e-12;
  std::printf("%s\n", ok ? "all as expected" : "UNEXPECTED");
  return ok ? 0 : 1;
}
#endif
