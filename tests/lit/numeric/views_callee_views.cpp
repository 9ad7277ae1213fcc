// Views into arrays passed to helpers and marked callees: `&a[off]`, `a + off`,
// `&a[0]`, `&s.W[k]`, a row `A[r]` of a 2-D local, `T p[]` parameters, and a
// writable view `out + k` a helper writes through. The callee's pointer is
// bound to (caller's array, offset): its reads and writes are elements of the
// caller's array. Checked against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp -I%S
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

#include "Inputs/views_layer.hpp"

double dot3(const double* a, const double* b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
double pair(const double p[]) { return p[0] * std::sin(p[1]); }
void axpy3(double a, const double* x, double* y) {
  for (int i = 0; i < 3; ++i) y[i] += a * x[i];
}

GRADC_GRAD
double weighted(const double* x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += (i + 1.0) * x[i] * x[i];
  return s;
}

// CHECK-LABEL: inline double views_grad(
// CHECK: double t0 = x[2];
// CHECK: double t1 = x[3];
// CHECK: L_W[3 * j] * x[j] + L_W[3 * j + 1] * x[j + 1]
GRADC_GRAD_WRT(x)
double views(const double* x, const Layer& L) {
  double s = pair(&x[2]) + pair(x + 4) + pair(&x[0]);
  for (int j = 0; j < 2; ++j) s += dot3(&L.W[3 * j], x + j) * x[5 - j];
  return s;
}

// A row of a 2-D local, and a helper writing through a view of a local.
// CHECK-LABEL: inline double rows_grad(
// CHECK: acc[3 + i] += a * A[3 + i];
GRADC_GRAD
double rows(const double* x) {
  double A[2][3];
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) A[r][c] = x[r + c] * (c + 1.0);
  double acc[6] = {};
  axpy3(x[0], A[1], acc + 3);
  axpy3(x[1], &A[0][0], &acc[0]);
  return dot3(A[0], A[1]) + dot3(acc, acc + 3);
}

// A marked callee given a view is inlined (its pullback takes arrays whole);
// given whole arrays (`&x[0]` is one) it is called.
// CHECK-LABEL: inline double marked_views_grad(
// CHECK-NOT: weighted_pullback(x, 3,
// CHECK: weighted_pullback(x, 4,
// CHECK: weighted_pullback(x, 6,
// CHECK: return marked_views;
GRADC_GRAD
double marked_views(const double* x) {
  return weighted(x + 2, 3) * weighted(&x[1], 2) + weighted(x, 6) * weighted(&x[0], 4);
}

// A view of a view: the offsets add up.
double inner(const double* q) { return q[0] * q[1]; }
double outer(const double* p, int k) { return inner(p + k) + inner(&p[1]); }
GRADC_GRAD_WRT(x)
double nested(const double* x, int k) {
  double s = 0;
  for (int i = 0; i < 2; ++i) s += outer(x + i, k);
  return s;
}

// 2-D arrays and rows passed to helpers taking `T A[R][C]`, `T (*M)[C]`, `T* row`.
void matmul2(const double A[2][2], const double B[2][2], double C[2][2]) {
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      C[i][j] = 0.0;
      for (int k = 0; k < 2; ++k) C[i][j] += A[i][k] * B[k][j];
    }
}
double trace2(const double (*M)[2]) { return M[0][0] + M[1][1]; }
double sum2(const double* row) { return row[0] + 2.0 * row[1]; }
GRADC_GRAD
double ekf_like(const double* x) {
  double P[2][2];
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c) P[r][c] = x[2 * r + c] + (r == c ? 1.0 : 0.0);
  double Q[2][2];
  matmul2(P, P, Q);
  return std::log(trace2(Q)) + sum2(Q[1]) * sum2(P[0]);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <functional>
#include <vector>

namespace {

int bad = 0;

void check(const char* what, std::vector<double>& p, const std::vector<double>& grad, const std::function<double()>& f) {
  bad |= !reportGradient(what, p, grad, f);
}

}  // namespace

int main() {
  std::vector<double> x = {0.9, -0.5, 0.7, 1.1, 0.3, -0.8, 0.4};
  Layer L = {{0.3, -0.2, 0.5, 0.1, -0.4, 0.6}, 0.2};
  std::vector<double> dx(x.size());
  double v = views_grad(x.data(), L, dx.data());
  bad |= v != views(x.data(), L);
  check("views dx", x, dx, [&] { return views(x.data(), L); });
  std::fill(dx.begin(), dx.end(), 0.0);
  rows_grad(x.data(), dx.data());
  check("rows dx", x, dx, [&] { return rows(x.data()); });
  std::fill(dx.begin(), dx.end(), 0.0);
  marked_views_grad(x.data(), dx.data());
  check("marked_views dx", x, dx, [&] { return marked_views(x.data()); });
  std::fill(dx.begin(), dx.end(), 0.0);
  nested_grad(x.data(), 2, dx.data());
  check("nested dx", x, dx, [&] { return nested(x.data(), 2); });
  std::vector<double> x4 = {0.3, -0.2, 0.5, 0.9}, dx4(4);
  ekf_like_grad(x4.data(), dx4.data());
  check("ekf_like dx", x4, dx4, [&] { return ekf_like(x4.data()); });
  return bad;
}
#endif
