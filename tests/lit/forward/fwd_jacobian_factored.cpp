// Packed tangent statements as linear forms (forward/LinearForms.h): each
// regrouped as one term per tangent read with its coefficient computed
// before the direction loop, single-use tangents substituted, and tangent
// arrays written as one tangent times a coefficient factored into that
// coefficient (a primal array) and a history of the tangent. Checked: c, s
// and e, functions of one angle, share one history t_a_at_c; y's statement
// reads c[k] just written and c[k - 1] of the iteration before (their
// coefficients are read before the loop, after dc_da[k] is written); v,
// read twice with four terms, stays a tangent of its own; e's tangent read
// in std::fmax's select is a temporary of one term, which the select reads.
// Numbers: against f_jvp per column and central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
// CHECK: inline void chain_jacobian(
// CHECK-DAG: double t_a_at_c[56];
// CHECK-DAG: double dc_da[7];
// CHECK-DAG: double ds_da[7];
// CHECK-DAG: double de_da[7];
// CHECK-NOT: double t_c[
// CHECK-NOT: double t_s[
// CHECK-NOT: double t_e[
// CHECK: double [[SIN:t[0-9]+]] = std::sin(a);
// CHECK: dc_da[k] = -[[SIN]];
// CHECK: for (int d = 0; d < 8; ++d) {
// CHECK: t_a_at_c[k * 8 + d] = t_a[d];
// CHECK-NEXT: }
// CHECK: t_v[d] = (d == 0 ? 1.0 : 0.0) * {{t[0-9]+}} + (d == 1 ? 1.0 : 0.0) * {{t[0-9]+}} + {{.*}};
// CHECK-NEXT: // line {{[0-9]+}}: y[0] = c[0] * v
// CHECK-NEXT: J[d] = t_a_at_c[d] * {{t[0-9]+}} + t_v[d] * {{t[0-9]+}};
// CHECK: for (int k = 1; k < gradc_src::kN; ++k) {
// CHECK: double [[CK:t[0-9]+]] = dc_da[k] * {{t[0-9]+}} + ds_da[k] * v;
// CHECK: double [[CP:t[0-9]+]] = dc_da[k - 1] * {{t[0-9]+}};
// CHECK: for (int d = 0; d < 7; ++d) {
// CHECK-NEXT: // line {{[0-9]+}}: y[2 * k] = c[k] * c[k - 1] + v * s[k]
// CHECK-NEXT: J[2 * k * 7 + d] = t_a_at_c[k * 8 + d] * [[CK]] + t_a_at_c[(k - 1) * 8 + d] * [[CP]] + t_v[d] * {{t[0-9]+}};
// CHECK-NEXT: // line {{[0-9]+}}: y[2 * k + 1] = std::fmax(e[k], 1.2) * s[k - 1]
// CHECK-NEXT: J[(2 * k + 1) * 7 + d] = ({{.*}} ? t_a_at_c[k * 8 + d] * {{t[0-9]+}} : 0.0) * {{t[0-9]+}} + t_a_at_c[(k - 1) * 8 + d] * {{t[0-9]+}};
#include <gradc/gradc.h>

#include <cmath>

constexpr int kN = 7;

GRADC_JACOBIAN_WRT(x)
void chain(const double x[kN], double y[2 * kN]) {
  double c[kN], s[kN], e[kN], a = 0.0;
  for (int k = 0; k < kN; ++k) {
    a += x[k] * (1.0 + 0.1 * k);
    c[k] = std::cos(a);
    s[k] = std::sin(a);
    e[k] = std::exp(0.3 * a);
  }
  const double v = x[0] * x[1] + x[2] * x[3];
  y[0] = c[0] * v;
  y[1] = s[0] + v * v;
  for (int k = 1; k < kN; ++k) {
    y[2 * k] = c[k] * c[k - 1] + v * s[k];
    y[2 * k + 1] = std::fmax(e[k], 1.2) * s[k - 1];
  }
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

int main() {
  bool ok = true;
  double x[kN], y[2 * kN];
  for (int k = 0; k < kN; ++k) x[k] = 0.4 * std::sin(1.3 * k) + 0.2;
  const int m = 2 * kN;
  std::vector<double> J(m * kN), byColumns(m * kN);
  chain_jacobian(x, y, J.data());
  for (int j = 0; j < kN; ++j) {
    double dir[kN] = {}, col[2 * kN];
    dir[j] = 1.0;
    chain_jvp(x, y, dir, col);
    for (int i = 0; i < m; ++i) byColumns[i * kN + j] = col[i];
  }
  ok = report("chain_jacobian vs f_jvp per column", worstDifference(J.data(), byColumns.data(), m * kN), 1e-14) && ok;
  std::vector<double*> in;
  for (double& t : x) in.push_back(&t);
  std::vector<double> fd = centralJacobian<double>(in, m, [&](double* o) { chain(x, o); });
  ok = report("chain_jacobian vs central differences", worstDifference(J.data(), fd.data(), m * kN), 1e-7) && ok;
  return ok ? 0 : 1;
}
#endif
