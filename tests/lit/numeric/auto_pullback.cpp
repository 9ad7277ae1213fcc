// An unmarked helper of the main file that is big (24 statements or more),
// straight-line and scalar gets a pullback of its own, called from every
// call site (README: calls); a small one is inlined. Checked against central
// differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline double link_cost_primal(double q1, double q2, double tx, double ty) {
// CHECK: inline void link_cost_pullback(double q1, double q2, double tx, double ty, double d_ret, double* d_q1, double* d_q2, double* d_tx, double* d_ty) {
// CHECK-NOT: link_cost_grad
// CHECK-NOT: small_pullback
// CHECK-LABEL: inline double trajectory_cost_grad(
// CHECK: link_cost_primal(q1a, q2a, 1.0, 0.5)
// CHECK: // line {{[0-9]+}} (small):
// CHECK: link_cost_pullback(q1b, q2b, 0.9, 0.7,
// CHECK: link_cost_pullback(q1a, q2a, 1.0, 0.5,
#include <gradc/gradc.h>
#include <cmath>

// One step of a planar two-link arm's forward kinematics and a cost on it.
static double link_cost(double q1, double q2, double tx, double ty) {
  double c1 = std::cos(q1);
  double s1 = std::sin(q1);
  double c12 = std::cos(q1 + q2);
  double s12 = std::sin(q1 + q2);
  double ex = 0.8 * c1;
  double ey = 0.8 * s1;
  double hx = ex + 0.6 * c12;
  double hy = ey + 0.6 * s12;
  double dx = hx - tx;
  double dy = hy - ty;
  double dist2 = dx * dx + dy * dy;
  double elbow = ey - 0.1;
  double pen = elbow < 0.0 ? elbow * elbow : 0.0;
  double reach = std::sqrt(hx * hx + hy * hy);
  double over = reach - 1.3;
  double soft = std::log1p(std::exp(8.0 * over)) / 8.0;
  double vel = q1 * q1 + 0.5 * q2 * q2;
  double w = 1.0 / (1.0 + vel);
  double a = dist2 + 10.0 * pen;
  double b = a + 2.0 * soft;
  double c = b * (1.0 + 0.1 * w);
  double d = c + 0.01 * vel;
  double e = d * d;
  double f = std::sqrt(e + 1e-6);
  return f;
}

// Small: inlined.
static double small(double q) { return 0.05 * q * q; }

GRADC_GRAD
double trajectory_cost(double q1a, double q2a, double q1b, double q2b) {
  return link_cost(q1a, q2a, 1.0, 0.5) + link_cost(q1b, q2b, 0.9, 0.7) +
         link_cost(0.5 * (q1a + q1b), 0.5 * (q2a + q2b), 1.1, 0.2) + small(q1a - q1b);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  std::vector<double> q = {0.4, 1.1, -0.3, 0.8}, d(4);
  auto f = [&] { return trajectory_cost(q[0], q[1], q[2], q[3]); };
  double value = trajectory_cost_grad(q[0], q[1], q[2], q[3], &d[0], &d[1], &d[2], &d[3]);
  double err = worstRelativeError(q, d, f);
  std::printf("value %.17g (primal %.17g), largest relative error vs central differences %.2e\n", value, f(), err);
  return value == f() && err < 1e-7 ? 0 : 1;
}
#endif
