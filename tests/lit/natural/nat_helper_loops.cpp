// Loops in inlined helpers, as GMM's and det's helpers write them:
//  - a scratch array declared once, before the loop, overwritten each
//    iteration by a helper whose loop bound is its `int d` parameter, given
//    the function's `d` (the helper's `d` is the caller's variable now, not a
//    copy made in the loop, so the overwrite's bounds are fixed);
//  - an integer counter walking a triangle (`out[j] += L[idx] * x[i]; idx++;`
//    for j > i): kept per iteration in a work buffer sized by the widest row;
//  - a helper's loop bound given a constant (`minor_of(A, 3, j, m)`), with a
//    `continue` and a counter: automatic storage.
// (Each was rejected: "overwriting an element of 'xc' that was read before, at
// an index (or in an inner loop with bounds) computed inside the loop", and
// "the reverse sweep must keep 'idx' ... its trip count depends on values
// computed in the function".)
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

inline void centre(int d, const double* x, const double* mu, double* out) {
  for (int i = 0; i < d; i++) out[i] = x[i] - mu[i];
}

// out = L x, L unit lower triangular, strict lower part by columns.
inline void ltimes(int d, const double* L, const double* x, double* out) {
  for (int i = 0; i < d; i++) out[i] = x[i];
  int idx = 0;
  for (int i = 0; i < d; i++)
    for (int j = i + 1; j < d; j++) {
      out[j] += L[idx] * x[i];
      idx++;
    }
}

// CHECK-LABEL: inline std::size_t triangle_grad_work_bytes(int d, int n)
// CHECK-LABEL: inline double triangle_grad(
GRADC_GRAD_WRT(mu, L)
double triangle(int d, int n, const double* x, const double* mu, const double* L) {
  double xc[16], y[16];
  double s = 0.0;
  for (int k = 0; k < n; k++) {
    centre(d, &x[k * d], mu, xc);
    ltimes(d, L, xc, y);
    for (int i = 0; i < d; i++) s += y[i] * y[i] * y[i];
  }
  return s;
}

inline void minor_of(const double* A, int n, int col, double* m) {
  for (int r = 1; r < n; ++r) {
    int k = 0;
    for (int c = 0; c < n; ++c) {
      if (c == col) continue;
      m[(r - 1) * (n - 1) + k] = A[r * n + c];
      ++k;
    }
  }
}

// CHECK-LABEL: inline double det3_grad(const double* A, double* GRADC_RESTRICT d_A)
GRADC_GRAD
double det3(const double* A) {
  double det = 0.0, sign = 1.0;
  for (int j = 0; j < 3; ++j) {
    double m[4];
    minor_of(A, 3, j, m);
    det += sign * A[j] * (m[0] * m[3] - m[1] * m[2]);
    sign = -sign;
  }
  return det;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"

int main() {
  bool ok = true;
  for (int d : {1, 3, 5}) {
    const int n = 4, nl = d * (d - 1) / 2;
    std::vector<double> x(n * d), mu(d), L(nl > 0 ? nl : 1, 0.0), d_mu(d, 0.0), d_L(L.size(), 0.0);
    for (int q = 0; q < n * d; ++q) x[q] = std::sin(1.3 * q);
    for (int q = 0; q < d; ++q) mu[q] = 0.2 * std::cos(q);
    for (int q = 0; q < nl; ++q) L[q] = 0.3 * std::sin(0.7 * q + 1.0);
    std::vector<double> work(triangle_grad_work_bytes(d, n) / sizeof(double) + 1);
    const double value = triangle_grad(d, n, x.data(), mu.data(), L.data(), d_mu.data(), d_L.data(), work.data(),
                                       work.size() * sizeof(double));
    // by hand: dy = 3 y^2, d xc = L^T dy, d mu = -sum d xc, d L[idx(i,j)] = dy_j xc_i
    std::vector<double> h_mu(d, 0.0), h_L(L.size(), 0.0);
    for (int k = 0; k < n; ++k) {
      std::vector<double> xc(d), y(d), dy(d), dxc(d);
      for (int i = 0; i < d; ++i) xc[i] = y[i] = x[k * d + i] - mu[i];
      for (int i = 0, idx = 0; i < d; ++i)
        for (int j = i + 1; j < d; ++j) y[j] += L[idx++] * xc[i];
      for (int i = 0; i < d; ++i) dxc[i] = dy[i] = 3 * y[i] * y[i];
      for (int i = 0, idx = 0; i < d; ++i)
        for (int j = i + 1; j < d; ++j, ++idx) {
          h_L[idx] += dy[j] * xc[i];
          dxc[i] += L[idx] * dy[j];
        }
      for (int i = 0; i < d; ++i) h_mu[i] -= dxc[i];
    }
    double vs_hand = 0.0;
    for (int q = 0; q < d; ++q) vs_hand = std::fmax(vs_hand, std::fabs(d_mu[q] - h_mu[q]));
    for (int q = 0; q < nl; ++q) vs_hand = std::fmax(vs_hand, std::fabs(d_L[q] - h_L[q]));
    auto f = [&] { return triangle(d, n, x.data(), mu.data(), L.data()); };
    const double vs_fd = std::fmax(worstRelativeError(mu, d_mu, f), worstRelativeError(L, d_L, f));
    std::printf("triangle d %d: value %.9f, vs hand-written %.1e, vs central differences %.1e\n", d, value, vs_hand,
                vs_fd);
    ok &= value == f() && vs_hand < 1e-12 && vs_fd < 1e-7;
  }
  std::vector<double> A = {2.0, -1.0, 0.5, 0.3, 1.5, -0.7, 1.1, 0.4, 2.2}, d_A(9, 0.0);
  const double det = det3_grad(A.data(), d_A.data());
  // by hand: the cofactors
  const double h[9] = {A[4] * A[8] - A[5] * A[7], -(A[3] * A[8] - A[5] * A[6]), A[3] * A[7] - A[4] * A[6],
                       -(A[1] * A[8] - A[2] * A[7]), A[0] * A[8] - A[2] * A[6], -(A[0] * A[7] - A[1] * A[6]),
                       A[1] * A[5] - A[2] * A[4], -(A[0] * A[5] - A[2] * A[3]), A[0] * A[4] - A[1] * A[3]};
  double vs_hand = 0.0;
  for (int q = 0; q < 9; ++q) vs_hand = std::fmax(vs_hand, std::fabs(d_A[q] - h[q]));
  const double vs_fd = worstRelativeError(A, d_A, [&] { return det3(A.data()); });
  std::printf("det3: value %.9f, vs hand-written %.1e, vs central differences %.1e\n", det, vs_hand, vs_fd);
  ok &= det == det3(A.data()) && vs_hand < 1e-14 && vs_fd < 1e-8;
  return !ok;
}
#endif
