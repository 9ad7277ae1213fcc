// f_jacobian in forward mode is one sweep carrying every column (vector
// mode): here through a loop with carried state, an inner branch (fmax, whose
// pushforward has a condition), a scalar input, an accumulated output and a
// returned value. Checked against central differences and against columns of
// f_jvp, which it must equal to rounding.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: // Forward mode: 4 column(s) <= 4 row(s), one sweep carrying all 4
// CHECK: inline double relax_jacobian(const double* s, double gain, double* out, double* J) {
// The state's tangents, one array per column, carried through the loop:
// CHECK-DAG: double t_x_c0[3];
// CHECK-DAG: double t_x_c3[3];
// CHECK: for (int step = 0; step < 6; ++step) {
// The sine's derivative once per element, for all four columns:
// CHECK: double [[COS:t[0-9]+]] = std::cos(
// CHECK-NEXT: t_x_c0[i] = {{.*}}[[COS]]
// CHECK-NEXT: t_x_c1[i] = {{.*}}[[COS]]
// CHECK-NOT: relax_jvp(
// CHECK: return
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN_WRT(s, gain)
double relax(const double s[3], double gain, double out[3]) {
  double x[3];
  for (int i = 0; i < 3; ++i) x[i] = s[i];
  for (int step = 0; step < 6; ++step) {
    double mean = (x[0] + x[1] + x[2]) / 3.0;
    for (int i = 0; i < 3; ++i) x[i] = std::fmax(x[i] + gain * (mean - x[i]), 0.1 * x[i]) + 0.01 * std::sin(x[i]);
  }
  for (int i = 0; i < 3; ++i) out[i] += x[i] * x[i];
  return x[0] * gain;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  double s[3] = {0.7, -0.4, 1.3}, gain = 0.35;
  static_assert(relax_jacobian_rows == 4 && relax_jacobian_cols == 4, "3 outputs + the value; 3 + 1 inputs");
  double out[3] = {0.5, 0.25, -1.0}, J[16];
  const double out0[3] = {out[0], out[1], out[2]};
  double out_ref[3] = {out0[0], out0[1], out0[2]};
  const double value = relax_jacobian(s, gain, out, J);
  ok = report("relax_jacobian's value vs relax", std::fabs(value - relax(s, gain, out_ref)), 0) && ok;
  ok = report("relax_jacobian's out vs relax's", worstDifference(out, out_ref, 3), 0) && ok;
  std::vector<double> fd = centralJacobian<double>({&s[0], &s[1], &s[2], &gain}, 4, [&](double* o) {
    double y[3] = {out0[0], out0[1], out0[2]};
    o[3] = relax(s, gain, y);
    for (int i = 0; i < 3; ++i) o[i] = y[i];
  });
  ok = report("relax_jacobian vs central differences", worstDifference(J, fd.data(), 16), 1e-7) && ok;
  // Column c of J against f_jvp in direction e_c.
  double worst = 0;
  for (int c = 0; c < 4; ++c) {
    double t_s[3] = {c == 0 ? 1.0 : 0.0, c == 1 ? 1.0 : 0.0, c == 2 ? 1.0 : 0.0}, t_out[3], t_ret, y[3] = {out0[0], out0[1], out0[2]};
    relax_jvp(s, gain, y, t_s, c == 3 ? 1.0 : 0.0, t_out, &t_ret);
    const double col[4] = {J[0 * 4 + c], J[1 * 4 + c], J[2 * 4 + c], J[3 * 4 + c]};
    const double jvp[4] = {t_out[0], t_out[1], t_out[2], t_ret};
    worst = std::fmax(worst, worstDifference(col, jvp, 4));
  }
  ok = report("relax_jacobian columns vs relax_jvp", worst, 1e-14) && ok;
  return ok ? 0 : 1;
}
#endif
