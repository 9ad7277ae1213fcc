// A Jacobian of a function whose gradient keeps storage in a work buffer (a
// loop of run-time length): f_pullback needs that buffer, which f_jacobian's
// signature has no room for, so f_jacobian and its sparse form sweep by
// columns with f_jvp (which keeps nothing) whatever the shape, and say why.
// Before: rejected at the marker (and before that a header that did not
// compile; tests/fuzz/FINDINGS.md jacobian-work). Checked: against f_grad
// (with its buffer) and central differences, for several trip counts.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: // Forward mode: 2 column(s) for 1 row(s) (f_pullback needs a work buffer),
// CHECK: inline double f_jacobian(double x, double y, int len, double* J) {
// CHECK-NOT: f_pullback(
// CHECK-NOT: f_grad(
// CHECK: // Forward mode over a column colouring
// CHECK: inline double f_jacobian_sparse(
// CHECK-NOT: f_pullback(
// CHECK: f_jvp(x, y, len,
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
double f(double x, double y, int len) {
  for (int i = 0; i < len; ++i) x = std::sin(x * y);
  return x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

int main() {
  bool ok = true;
  for (int len : {0, 1, 3, 9}) {
    double x = 0.7, y = 1.3, J[2], values[2], g[2] = {};
    const double v = f_jacobian(x, y, len, J);
    std::vector<char> work(f_grad_work_bytes(len) + 8);
    void* aligned = work.data() + (8 - reinterpret_cast<std::uintptr_t>(work.data()) % 8) % 8;
    f_grad(x, y, len, &g[0], &g[1], aligned, f_grad_work_bytes(len));
    ok = report("f_jacobian vs f_grad", worstDifference(J, g, 2), 1e-14) && ok;
    f_jacobian_sparse(x, y, len, values);
    ok = report("f_jacobian_sparse vs f_jacobian", worstDifference(values, J, 2), 0) && ok;
    std::vector<double*> in = {&x, &y};
    std::vector<double> fd = centralJacobian<double>(in, 1, [&](double* o) { o[0] = f(x, y, len); });
    ok = report("f_jacobian vs central differences", worstDifference(J, fd.data(), 2), 1e-7) && ok;
    ok = report("f_jacobian returns f", std::fabs(v - f(x, y, len)), 0) && ok;
  }
  return ok ? 0 : 1;
}
#endif
