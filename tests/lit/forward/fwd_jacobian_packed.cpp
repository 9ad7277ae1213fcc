// A tall Jacobian with more columns than the cloned layout carries
// (forward/Directions.h): one sweep of 21 directions, packed. Each local
// tangent holds every direction innermost, padded to whole vectors
// (`t_c[k * 24 + d]`), each run of tangent statements is one loop over d
// after its primal statements (over all 24 where it touches no row of J: no
// scalar remainder; over the 21 columns where it writes J), the
// seeds are 1 where d is the input's column (theta's 0..19, len's 20), and J
// is not zeroed first (the marks' loop writes every row). Tangent statements
// are regrouped (forward/LinearForms.h): one term per tangent read, the
// coefficients computed before the loop, single-use tangents (t_r)
// substituted; t_c and t_s, each the angle's tangent times a coefficient,
// are factored: the coefficients dc_da, ds_da and one history t_a_at_c. A
// planar arm (links posed by joint angles, marks along the links) checked
// against a hand-written Jacobian and central differences; and a packed
// Hessian of 6 variables against central differences of f_grad.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: // Forward mode: 21 column(s) <= 48 row(s), one sweep carrying all 21
// CHECK-NEXT: // directions: f's values once, each tangent holding every direction (t_<name>[i * 24 + d]),
// CHECK-NEXT: // the directions padded to whole vectors.
// CHECK-NEXT: inline void arm_jacobian(const double* theta, double len, const int* link, const double* at, double* out, double* J) {
// CHECK-NOT: J[k] = 0.0;
// CHECK: double t_a_at_c[480];
// CHECK: double ds_da[20];
// CHECK: double dc_da[20];
// CHECK-NOT: double t_c[
// CHECK: for (int k = 0; k < gradc_src::kLinks; ++k) {
// CHECK: double [[SIN:t[0-9]+]] = std::sin(a);
// CHECK: double [[COS:t[0-9]+]] = std::cos(a);
// CHECK: dc_da[k] = -[[SIN]];
// CHECK: ds_da[k] = [[COS]];
// CHECK: s[k] = [[SIN]];
// CHECK: double [[CL:t[0-9]+]] = dc_da[k] * len;
// CHECK: for (int d = 0; d < 24; ++d) {
// CHECK-NEXT: // line {{[0-9]+}}: a += theta[k]
// CHECK-NEXT: t_a[d] = t_a[d] + (d == k ? 1.0 : 0.0);
// CHECK-NEXT: // line {{[0-9]+}}: c[k] = std::cos(a)
// CHECK-NEXT: t_a_at_c[k * 24 + d] = t_a[d];
// CHECK-NEXT: // line {{[0-9]+}}: px[k + 1] = px[k] + len * c[k]
// CHECK-NEXT: t_px[(k + 1) * 24 + d] = t_px[k * 24 + d] + (d == 20 ? 1.0 : 0.0) * {{t[0-9]+}} + t_a_at_c[k * 24 + d] * [[CL]];
// CHECK: for (int m = 0; m < gradc_src::kMarks; ++m) {
// CHECK: double [[CR:t[0-9]+]] = dc_da[l] * r;
// CHECK: for (int d = 0; d < 21; ++d) {
// CHECK-NEXT: // line {{[0-9]+}}: out[2 * m] = px[l] + r * c[l]
// CHECK-NEXT: J[2 * m * 21 + d] = t_px[l * 24 + d] + (d == 20 ? 1.0 : 0.0) * {{t[0-9]+}} + t_a_at_c[l * 24 + d] * [[CR]];
// CHECK-NOT: arm_jvp(
// CHECK: inline void arm_jacobian_sparse(
// The Hessian's 6 directions padded to 8: the forward loop touches no row of
// H (over 8), the reverse one adds to H's rows (over 6), and the tangent
// adjoints it writes are declared zeroed (their columns 6 and 7 stay 0).
// CHECK: energy_hessian(
// CHECK: double t_prev[8] = {};
// CHECK: for (int d = 0; d < 8; ++d) {
// CHECK: double t_d_prev[8] = {};
// CHECK: for (int d = 0; d < 6; ++d) {
// CHECK: H[i * 6 + d] +=
#include <gradc/gradc.h>

#include <cmath>

constexpr int kLinks = 20, kMarks = 24;

GRADC_JACOBIAN_WRT(theta, len)
void arm(const double theta[kLinks], double len, const int link[kMarks], const double at[kMarks],
         double out[2 * kMarks]) {
  double c[kLinks], s[kLinks], px[kLinks + 1], py[kLinks + 1];
  double a = 0.0;
  px[0] = 0.0;
  py[0] = 0.0;
  for (int k = 0; k < kLinks; ++k) {
    a += theta[k];
    c[k] = std::cos(a);
    s[k] = std::sin(a);
    px[k + 1] = px[k] + len * c[k];
    py[k + 1] = py[k] + len * s[k];
  }
  for (int m = 0; m < kMarks; ++m) {
    const int l = link[m];
    const double r = at[m] * len;
    out[2 * m] = px[l] + r * c[l];
    out[2 * m + 1] = py[l] + r * s[l];
  }
}

GRADC_HESSIAN
double energy(const double x[6]) {
  double e = 0.0, prev = 1.0;
  for (int i = 0; i < 6; ++i) {
    const double stretch = x[i] - prev;
    e += 0.5 * stretch * stretch + 0.1 * std::cos(x[i] * prev);
    prev = x[i];
  }
  return e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

// By hand: turning joint j turns every mark on link l >= j about joint j,
// d(x, y)/d theta_j = (-(y - py_j), x - px_j); every length scales with len.
void armByHand(const double theta[kLinks], double len, const int link[kMarks], const double at[kMarks], double* J) {
  double px[kLinks + 1], py[kLinks + 1], c[kLinks], s[kLinks], a = 0.0;
  px[0] = py[0] = 0.0;
  for (int k = 0; k < kLinks; ++k) {
    a += theta[k];
    c[k] = std::cos(a);
    s[k] = std::sin(a);
    px[k + 1] = px[k] + len * c[k];
    py[k + 1] = py[k] + len * s[k];
  }
  const int cols = kLinks + 1;
  for (int m = 0; m < kMarks; ++m) {
    const int l = link[m];
    const double x = px[l] + at[m] * len * c[l], y = py[l] + at[m] * len * s[l];
    for (int j = 0; j < kLinks; ++j) {
      J[2 * m * cols + j] = j <= l ? -(y - py[j]) : 0.0;
      J[(2 * m + 1) * cols + j] = j <= l ? x - px[j] : 0.0;
    }
    J[2 * m * cols + kLinks] = x / len;
    J[(2 * m + 1) * cols + kLinks] = y / len;
  }
}

int main() {
  bool ok = true;
  double theta[kLinks], len = 0.7, at[kMarks], out[2 * kMarks];
  int link[kMarks];
  for (int k = 0; k < kLinks; ++k) theta[k] = 0.3 * std::sin(1.7 * k) + 0.05;
  for (int m = 0; m < kMarks; ++m) link[m] = (7 * m) % kLinks, at[m] = 0.2 + 0.03 * m;
  const int n = 2 * kMarks * (kLinks + 1);
  // (J starts NaN: the loop writing out[2 * m] and out[2 * m + 1] writes every row, so no zero fill)
  std::vector<double> J(n, std::nan("")), hand(n);
  arm_jacobian(theta, len, link, at, out, J.data());
  armByHand(theta, len, link, at, hand.data());
  ok = report("arm_jacobian vs hand-written", worstDifference(J.data(), hand.data(), n), 1e-13) && ok;
  std::vector<double*> in;
  for (double& t : theta) in.push_back(&t);
  in.push_back(&len);
  std::vector<double> fd = centralJacobian<double>(in, 2 * kMarks, [&](double* o) { arm(theta, len, link, at, o); });
  ok = report("arm_jacobian vs central differences", worstDifference(J.data(), fd.data(), n), 1e-7) && ok;

  double x[6] = {0.4, -0.3, 1.1, 0.8, -0.6, 0.2}, H[36];
  energy_hessian(x, H);
  std::vector<double*> xs;
  for (double& v : x) xs.push_back(&v);
  std::vector<double> fdH = centralJacobian<double>(xs, 6, [&](double* g) {
    for (int i = 0; i < 6; ++i) g[i] = 0.0;
    energy_grad(x, g);
  });
  ok = report("energy_hessian vs central differences", worstDifference(H, fdH.data(), 36), 1e-7) && ok;
  return ok ? 0 : 1;
}
#endif
