// --emit-check on a struct parameter (by reference and by pointer: every
// float/double member f reads is perturbed in place, row-major through 2-D
// members, and put back) and on a marked template (one f_gradcheck overload
// per instantiation). A wrong user rule on a struct member is reported at
// that member.
// RUN: %gradc --emit-check %s -o %t.hpp -- %flags -I%S 2> %t.err
// RUN: %FileCheck %s < %t.hpp
// RUN: not grep -q "no .*_gradcheck is written" %t.err
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/check_cell.hpp"
#include "Inputs/wrong_rule.hpp"

// CHECK-LABEL: inline gradc::GradCheck cell_out_gradcheck(const Cell& c, const double* x) {
// CHECK-NEXT: Cell d_c = gradc::zeroed<Cell>();
// CHECK: for (std::size_t i = 0; i < sizeof d_c.W / sizeof(double); ++i)
// CHECK-NEXT: gradc::check_component(report, "c.W", i, (&d_c.W[0][0])[i], gradc::central_difference((&const_cast<Cell&>(c).W[0][0])[i], primal));
GRADC_GRAD_WRT(c)
double cell_out(const Cell& c, const double* x) {
  double s = 0;
  for (int j = 0; j < 2; ++j) {
    double z = c.b[j];
    for (int i = 0; i < 3; ++i) z += c.W[j][i] * x[i];
    s += std::tanh(z);
  }
  return c.gain * s;
}

// CHECK-LABEL: inline gradc::GradCheck cell_cubed_gradcheck(const Cell* c, double y) {
// CHECK: gradc::central_difference(const_cast<Cell*>(c)->gain, primal)
GRADC_GRAD
double cell_cubed(const Cell* c, double y) { return cube(c->gain) + c->b[1] * y; }

// CHECK-LABEL: inline gradc::GradCheck scaled_norm_gradcheck(float s, const float* v, float* d_v, std::size_t v_len) {
// CHECK: return scaled_norm<float>(s, v);
// CHECK-LABEL: inline gradc::GradCheck scaled_norm_gradcheck(double s, const double* v, double* d_v, std::size_t v_len) {
// CHECK: return scaled_norm<double>(s, v);
template <typename T>
GRADC_GRAD
T scaled_norm(T s, const T* v) { return s * std::sqrt(v[0] * v[0] + v[1] * v[1] + T(1)); }
template float scaled_norm<float>(float, const float*);
template double scaled_norm<double>(double, const double*);

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <cstring>

int main() {
  bool ok = true;
  Cell c = {{{0.5, -0.25, 1.5}, {0.2, 0.1, -0.7}}, {0.05, -0.3}, 1.25, 7};
  Cell keep = c;
  double x[3] = {0.1, 0.7, -0.3};
  // 2*3 + 2 + 1 members and f's value.
  gradc::GradCheck r = cell_out_gradcheck(c, x);
  gradc::print_report("cell_out", r, gradc::check_tolerance<double>());
  ok = ok && gradc::passed<double>(r) && r.compared == 10 && std::memcmp(&c, &keep, sizeof c) == 0;

  // The wrong rule: d/dgain of gain^3 taken as 2 gain^2 (2*1.25^2 = 3.125 against 4.6875).
  r = cell_cubed_gradcheck(&c, 0.5);
  gradc::print_report("cell_cubed (wrong rule)", r, gradc::check_tolerance<double>());
  ok = ok && !gradc::passed<double>(r) && std::strcmp(r.parameter, "c.gain") == 0 &&
       std::fabs(r.reference - 4.6875) < 1e-6 && std::fabs(r.generated - 3.125) < 1e-12;
  ok = ok && std::memcmp(&c, &keep, sizeof c) == 0;

  float vf[2] = {0.3f, -1.1f};
  double vd[2] = {0.3, -1.1}, d_vd[2];
  float d_vf[2];
  r = scaled_norm_gradcheck(2.0f, vf, d_vf, 2);
  gradc::print_report("scaled_norm<float>", r, gradc::check_tolerance<float>());
  ok = ok && gradc::passed<float>(r) && r.compared == 4;
  r = scaled_norm_gradcheck(2.0, vd, d_vd, 2);
  gradc::print_report("scaled_norm<double>", r, gradc::check_tolerance<double>());
  ok = ok && gradc::passed<double>(r) && r.compared == 4;
  std::printf("%s\n", ok ? "all as expected" : "UNEXPECTED");
  return ok ? 0 : 1;
}
#endif
