// An output component f leaves unwritten does not change: its row of the
// Jacobian is zero. f_jvp leaves its tangent as it is, so the one-sweep
// f_jacobian must zero those rows itself (J is not zeroed by the caller here:
// it starts as NaN). Also with two sweeps (18 columns).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK-LABEL: inline void partial_jacobian(
// CHECK: for (int k = 0; k < 8; ++k) {
// CHECK-NEXT: J[k] = 0.0;
// CHECK-LABEL: inline void wide_jacobian(
// CHECK: for (int k = 0; k < 378; ++k) {
#include <gradc/gradc.h>

#include <cmath>
#include <limits>

GRADC_JACOBIAN
void partial(const double x[2], double y[4]) {
  y[0] = x[0] * x[1];
  if (x[0] > 0.0) y[2] = std::sin(x[1]);  // y[1], y[3] never written; y[2] only sometimes
}

GRADC_JACOBIAN
void wide(const double x[18], double y[21]) {
  for (int i = 0; i < 18; ++i) y[i] = x[i] * x[(i + 1) % 18];
  y[19] = x[3];  // y[18], y[20] never written
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double x0 : {0.7, -0.7}) {
    double x[2] = {x0, 1.3}, y[4] = {0, 0, 0, 0}, J[8];
    for (double& j : J) j = nan;
    std::vector<double> fd = centralJacobian<double>({&x[0], &x[1]}, 4, [&](double* o) {
      double yy[4] = {0, 0, 0, 0};
      partial(x, yy);
      for (int i = 0; i < 4; ++i) o[i] = yy[i];
    });
    partial_jacobian(x, y, J);
    ok = report("partial_jacobian vs central differences", worstDifference(J, fd.data(), 8), 1e-7) && ok;
  }
  double x[18], y[21] = {}, J[21 * 18];
  for (int i = 0; i < 18; ++i) x[i] = 0.1 * i - 0.4;
  for (double& j : J) j = nan;
  std::vector<double*> in;
  for (double& v : x) in.push_back(&v);
  std::vector<double> fd = centralJacobian<double>(in, 21, [&](double* o) {
    double yy[21] = {};
    wide(x, yy);
    for (int i = 0; i < 21; ++i) o[i] = yy[i];
  });
  wide_jacobian(x, y, J);
  ok = report("wide_jacobian vs central differences", worstDifference(J, fd.data(), 21 * 18), 1e-7) && ok;
  return ok ? 0 : 1;
}
#endif
