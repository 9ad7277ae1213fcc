// 2-D array parameters of marked functions (issue 23, item 5): `const T
// A[R][C]`, `T A[][C]` (rows counted at run time), `const T (&P)[R][C]`,
// written as outputs, rows `W[i]` passed to a helper, under f_grad, the
// Jacobian (reverse rows and colouring) and the Hessian. The signature keeps
// the shape (the adjoint has it too, `double d_A[3][3]`); the body indexes a
// row-major pointer bound at the top.
// RUN: %gradc %s -o %t.hpp --emit-check -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
// RUN: %gradc %s -o %t.plain.hpp -- %flags
// RUN: %cxx-check %t.plain.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double quad_grad(const double A[3][3], const double* x, double d_A[3][3], double* GRADC_RESTRICT d_x) {
// CHECK-NEXT:    const double* A_flat = &A[0][0];
// CHECK-NEXT:    double* GRADC_RESTRICT d_A_flat = &d_A[0][0];
// CHECK:         d_A_flat[i * 3 + j] +=
GRADC_GRAD
double quad(const double A[3][3], const double x[3]) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) s += x[i] * A[i][j] * x[j];
  return s;
}

// CHECK-LABEL: inline double quad_x_hessian(const double A[3][3], const double* x, double* H) {
GRADC_HESSIAN_WRT(x)
double quad_x(const double A[3][3], const double x[3]) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) s += x[i] * A[i][j] * x[j] * std::exp(0.1 * x[j]);
  return s;
}

static double row_dot(const double* r, const double* x, int n) {
  double s = 0;
  for (int j = 0; j < n; ++j) s += r[j] * x[j];
  return s;
}

// CHECK-LABEL: inline double rows_tanh_grad(const double W[][4], const double* x, int rows, double d_W[][4], double* GRADC_RESTRICT d_x) {
GRADC_GRAD
double rows_tanh(const double W[][4], const double* x, int rows) {
  double s = 0;
  for (int i = 0; i < rows; ++i) s += std::tanh(row_dot(W[i], x, 4));
  return s;
}

// CHECK-LABEL: inline void matmul_jacobian(const double A[2][2], const double B[2][2], double C[2][2], double* J) {
// CHECK:         matmul_pullback(A, B, C, reinterpret_cast<double (*)[2]>(d_A), reinterpret_cast<double (*)[2]>(d_B), reinterpret_cast<double (*)[2]>(d_C));
GRADC_JACOBIAN
void matmul(const double A[2][2], const double B[2][2], double C[2][2]) {
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      double s = 0;
      for (int k = 0; k < 2; ++k) s += A[i][k] * B[k][j];
      C[i][j] = std::sin(s);
    }
}

// CHECK-LABEL: inline float by_ref_grad(const float (&P)[2][3], float y, float d_P[2][3], float* d_y) {
GRADC_GRAD
float by_ref(const float (&P)[2][3], float y) {
  float s = y;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) s = s * 0.5f + P[i][j] * std::sin(s);
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>

int main() {
  bool ok = true;
  double A[3][3] = {{1.0, -0.5, 0.25}, {0.75, 2.0, -1.0}, {0.5, 0.125, -1.5}};
  double x[3] = {0.3, -0.7, 1.1};
  double d_A[3][3] = {}, d_x[3] = {};
  ok &= quad_grad(A, x, d_A, d_x) == quad(A, x);
  // By hand: d/dA[i][j] = x_i x_j, d/dx = (A + A^T) x.
  double vs_hand = 0;
  for (int i = 0; i < 3; ++i) {
    double g = 0;
    for (int j = 0; j < 3; ++j) {
      vs_hand = std::fmax(vs_hand, std::fabs(d_A[i][j] - x[i] * x[j]));
      g += (A[i][j] + A[j][i]) * x[j];
    }
    vs_hand = std::fmax(vs_hand, std::fabs(d_x[i] - g));
  }
  std::printf("quad vs hand-written %.1e\n", vs_hand);
  ok &= vs_hand < 1e-14;
  auto q = [&] { return quad(A, x); };
  double fd = std::fmax(worstRelativeError(&A[0][0], &d_A[0][0], 9, q), worstRelativeError(x, d_x, 3, q));
  std::printf("quad vs central differences %.1e\n", fd);
  ok &= fd < 1e-8;
  gradc::GradCheck gc = quad_gradcheck(A, x);
  std::printf("quad: gradcheck worst %.1e over %zu components\n", gc.error, gc.compared);
  ok &= gradc::passed<double>(gc) && gc.compared == 13;  // (the value, then 9 + 3 components)

  // The Hessian in x against second central differences of quad_x.
  double H[9];
  ok &= quad_x_hessian(A, x, H) == quad_x(A, x);
  double hess_err = 0;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) {
      // second central difference of quad_x in (x_r, x_c)
      double h = 1e-4, kr = x[r], kc = x[c];
      auto at = [&](double dr, double dc) {
        x[r] += dr;
        x[c] += dc;
        double v = quad_x(A, x);
        x[r] = kr;
        x[c] = kc;
        return v;
      };
      double fd2 = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
      hess_err = std::fmax(hess_err, std::fabs(H[r * 3 + c] - fd2) / std::fmax(1.0, std::fabs(fd2)));
    }
  std::printf("quad_x Hessian vs central differences %.1e\n", hess_err);
  ok &= hess_err < 1e-5;

  // Rows counted at run time, each passed to a helper.
  double W[3][4] = {{0.1, -0.2, 0.3, 0.4}, {-0.5, 0.6, 0.7, -0.8}, {0.9, 0.15, -0.25, 0.35}};
  double xs[4] = {0.5, -1.0, 0.25, 2.0};
  double d_W[3][4] = {}, d_xs[4] = {};
  ok &= rows_tanh_grad(W, xs, 3, d_W, d_xs) == rows_tanh(W, xs, 3);
  double rows_hand = 0;
  for (int i = 0; i < 3; ++i) {
    double a = 0;
    for (int j = 0; j < 4; ++j) a += W[i][j] * xs[j];
    double g = 1 - std::tanh(a) * std::tanh(a);
    for (int j = 0; j < 4; ++j) rows_hand = std::fmax(rows_hand, std::fabs(d_W[i][j] - g * xs[j]));
  }
  std::printf("rows_tanh vs hand-written %.1e\n", rows_hand);
  ok &= rows_hand < 1e-14;
  auto rt = [&] { return rows_tanh(W, xs, 3); };
  double rows_fd = std::fmax(worstRelativeError(&W[0][0], &d_W[0][0], 12, rt), worstRelativeError(xs, d_xs, 4, rt));
  std::printf("rows_tanh vs central differences %.1e\n", rows_fd);
  ok &= rows_fd < 1e-8;

  // A 2-D output: the pullback by hand (C = sin(AB): d_A = (d_C . cos) B^T)
  // and the Jacobian against central differences of each C[i][j].
  double MA[2][2] = {{0.5, -1.0}, {0.25, 0.75}}, MB[2][2] = {{1.5, 0.5}, {-0.5, 2.0}}, C[2][2];
  double seedC[2][2] = {{1.0, -2.0}, {0.5, 3.0}}, d_MA[2][2] = {}, d_MB[2][2] = {};
  double cosAB[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) cosAB[i][j] = std::cos(MA[i][0] * MB[0][j] + MA[i][1] * MB[1][j]);
  double g[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) g[i][j] = seedC[i][j] * cosAB[i][j];
  matmul_pullback(MA, MB, C, d_MA, d_MB, seedC);
  double mm_hand = 0;
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 2; ++k) {
      mm_hand = std::fmax(mm_hand, std::fabs(d_MA[i][k] - (g[i][0] * MB[k][0] + g[i][1] * MB[k][1])));
      mm_hand = std::fmax(mm_hand, std::fabs(d_MB[i][k] - (MA[0][i] * g[0][k] + MA[1][i] * g[1][k])));
    }
  std::printf("matmul pullback vs hand-written %.1e (seed of C zeroed: %s)\n", mm_hand,
              seedC[0][0] == 0 && seedC[1][1] == 0 ? "yes" : "no");
  ok &= mm_hand < 1e-14 && seedC[0][0] == 0 && seedC[1][1] == 0;
  double J[4 * 8];
  matmul_jacobian(MA, MB, C, J);
  double jac_err = 0;
  for (int col = 0; col < 8; ++col) {
    double* p = col < 4 ? &MA[0][0] + col : &MB[0][0] + col - 4;
    double keep = *p, h = 1e-6;
    double up[2][2], down[2][2];
    *p = keep + h;
    matmul(MA, MB, up);
    *p = keep - h;
    matmul(MA, MB, down);
    *p = keep;
    for (int row = 0; row < 4; ++row) {
      double d = ((&up[0][0])[row] - (&down[0][0])[row]) / (2 * h);
      jac_err = std::fmax(jac_err, std::fabs(J[row * 8 + col] - d));
    }
  }
  double values[matmul_jacobian_nnz], sparse_err = 0;
  matmul_jacobian_sparse(MA, MB, C, values);
  for (int k = 0; k < matmul_jacobian_nnz; ++k)
    sparse_err = std::fmax(sparse_err, std::fabs(values[k] - J[matmul_jacobian_sparse_rows[k] * 8 + matmul_jacobian_sparse_cols[k]]));
  std::printf("matmul Jacobian vs central differences %.1e, sparse vs dense %.1e\n", jac_err, sparse_err);
  ok &= jac_err < 1e-8 && sparse_err < 1e-15;

  // A reference to a 2-D float array.
  float P[2][3] = {{0.5f, -0.25f, 1.0f}, {0.75f, 0.125f, -0.5f}};
  float y = 0.8f, d_P[2][3] = {}, d_y = 0;
  ok &= by_ref_grad(P, y, d_P, &d_y) == by_ref(P, y);
  gradc::GradCheck fc = by_ref_gradcheck(P, y);
  std::printf("by_ref: gradcheck worst %.1e over %zu components\n", fc.error, fc.compared);
  ok &= gradc::passed<float>(fc) && fc.compared == 8;
  return ok ? 0 : 1;
}
#endif
