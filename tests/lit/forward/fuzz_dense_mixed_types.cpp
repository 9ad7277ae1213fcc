// f_jacobian / f_hessian of a function mixing float and double inputs (fuzz
// seed 3, f2 and f14): every adjoint, tangent and hv buffer has its own
// variable's type. They all took one type (the last input's), and the header
// did not compile: `double d_x;` passed to f_grad's `float* d_x`.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline float mixed_jacobian(float x, double y, int n, double* J) {
// CHECK-NEXT: float value = 0.0;
// CHECK-NEXT: float d_x;
// CHECK-NEXT: double d_y;
// CHECK: inline double both_jacobian(const float* p, double s, double* out, double* J) {
// CHECK: inline double curv_hessian(float x, const double* q, double* H) {
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
float mixed(float x, double y, int n) { return x * std::sin(y) + float(n) * x * x; }

// Forward mode by columns (3 columns, 3 rows): a float array's tangent, double outputs.
GRADC_JACOBIAN
double both(const float p[2], double s, double out[2]) {
  out[0] = p[0] * s;
  out[1] = std::exp(p[1]) - s * s;
  return p[0] * p[1] + s;
}

GRADC_HESSIAN
double curv(float x, const double q[2]) { return std::sin(x) * q[0] * q[1] + x * x * q[1]; }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

static int bad = 0;
static void near(const char* what, double got, double want, double tol) {
  if (!(std::fabs(got - want) <= tol * std::fmax(1.0, std::fabs(want)))) {
    std::printf("%s: got %.9g want %.9g\n", what, got, want);
    bad = 1;
  }
}

int main() {
  const float x = 0.7f;
  const double y = -0.4;
  double J[2];
  mixed_jacobian(x, y, 2, J);
  near("dmixed/dx", J[0], std::sin(y) + 4.0 * x, 1e-5);
  near("dmixed/dy", J[1], x * std::cos(y), 1e-5);

  const float p[2] = {0.3f, -0.8f};
  const double s = 1.5;
  double out[2], J2[9];
  both_jacobian(p, s, out, J2);
  const double want[9] = {s, 0, p[0], 0, std::exp((double)p[1]), -2 * s, p[1], p[0], 1};
  for (int k = 0; k < 9; ++k) near("both J", J2[k], want[k], 1e-5);

  const double q[2] = {0.5, -1.2};
  double H[9];
  curv_hessian(x, q, H);
  const double c = std::cos((double)x), sn = std::sin((double)x);
  const double wantH[9] = {-sn * q[0] * q[1] + 2 * q[1], c * q[1], c * q[0] + 2 * x,
                           c * q[1], 0, sn,
                           c * q[0] + 2 * x, sn, 0};
  for (int k = 0; k < 9; ++k) near("curv H", H[k], wantH[k], 1e-5);
  std::printf("%s\n", bad ? "FAILED" : "ok");
  return bad;
}
#endif
