// Sparse Jacobians of a block-diagonal model (5 rigid bodies of 3 states:
// 3 f_jvp sweeps for 15 columns), of the same model with its total energy
// returned (one dense row: a column colouring would need 15 sweeps, a row
// colouring 4, so it runs 4 f_pullback/f_grad sweeps), of a dense 3 x 5
// model (3 reverse sweeps, one per row), and of a loop of run-time length (the analysis
// cannot follow its indices: every entry may be nonzero) and of a function
// with an early return, each equal to f_jacobian; and the Hessian of a sum of block energies (block-diagonal,
// without the structurally zero H_pp and H_qq: 3 f_hvp sweeps for 15 columns).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: // blocksEnergy_jacobian_sparse: returns blocksEnergy and writes the nonzeros to values[k], k < blocksEnergy_jacobian_nnz.
// CHECK-NEXT: // Reverse mode over a row colouring (rows of one colour share no column):
// CHECK-NEXT: // one blocksEnergy_pullback sweep per colour, 4 sweep(s) for 16 row(s).
// CHECK: // runtime_jacobian_nnz: the nonzeros found at generation time, 48 of 8 x 6,
// CHECK-NEXT: // at (runtime_jacobian_sparse_rows[k], runtime_jacobian_sparse_cols[k]), row by row.
// CHECK-NEXT: inline constexpr int runtime_jacobian_nnz = 48;
#include <gradc/gradc.h>

#include <cmath>

constexpr int B = 5;

GRADC_JACOBIAN
void blocks(const double x[3 * B], double y[3 * B]) {
  for (int b = 0; b < B; ++b) {
    const double p = x[3 * b], q = x[3 * b + 1], w = x[3 * b + 2];
    y[3 * b] = p * std::cos(w) - q * std::sin(w);
    y[3 * b + 1] = p * std::sin(w) + q * std::cos(w);
    y[3 * b + 2] = w + 0.1 * p * q;
  }
}

GRADC_JACOBIAN
double blocksEnergy(const double x[3 * B], double y[3 * B]) {
  double e = 0.0;
  for (int b = 0; b < B; ++b) {
    const double p = x[3 * b], q = x[3 * b + 1], w = x[3 * b + 2];
    y[3 * b] = p * std::cos(w) - q * std::sin(w);
    y[3 * b + 1] = p * std::sin(w) + q * std::cos(w);
    y[3 * b + 2] = w + 0.1 * p * q;
    e += 0.5 * (p * p + q * q) * w * w;
  }
  return e;
}

GRADC_JACOBIAN
void dense(const double x[4], double s, double y[3]) {
  double t = 0.0;
  for (int i = 0; i < 4; ++i) t += x[i] * x[i];
  for (int k = 0; k < 3; ++k) y[k] = std::sin(t * (k + 1)) * s;
}

GRADC_JACOBIAN_WRT(x)
void runtime(const double x[6], int n, double y[8]) {
  for (int i = 0; i < n; ++i) y[i] = x[i] * x[i + 1];
}

// An early return: the outputs as they are there are f's too (row 0 is
// 2 x[1] at x[1] > 0, though the code after the `if` writes 2 x[2]).
GRADC_JACOBIAN
double early(const double x[3], double y[2]) {
  y[0] = x[0];
  y[1] = x[0] * x[2];
  if (x[1] > 0.0) {
    y[0] = x[1] * x[1];
    return x[2];
  }
  y[0] = 2.0 * x[2];
  return x[0];
}

GRADC_HESSIAN
double blockEnergy(const double x[3 * B]) {
  double e = 0.0;
  for (int b = 0; b < B; ++b) e += x[3 * b] * x[3 * b + 1] * std::exp(0.3 * x[3 * b + 2]);
  return e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

template <int M, int N_, int NNZ>
double worstSparse(const double* values, const int (&rows)[NNZ], const int (&cols)[NNZ], int nnz, const double* dense) {
  static double scattered[M * N_];
  for (double& s : scattered) s = 0;
  for (int k = 0; k < nnz; ++k) scattered[rows[k] * N_ + cols[k]] = values[k];
  return worstDifference(scattered, dense, M * N_);
}

#define CHECK_SPARSE(f, ...)                                                                               \
  do {                                                                                                     \
    constexpr int M = f##_jacobian_rows, C = f##_jacobian_cols;                                            \
    double J[M * C], values[f##_jacobian_nnz];                                                             \
    f##_jacobian(__VA_ARGS__, J);                                                                          \
    f##_jacobian_sparse(__VA_ARGS__, values);                                                              \
    ok = report(#f "_jacobian_sparse vs dense",                                                            \
                worstSparse<M, C>(values, f##_jacobian_sparse_rows, f##_jacobian_sparse_cols, f##_jacobian_nnz, J), \
                1e-15) && ok;                                                                              \
  } while (0)

int main() {
  bool ok = true;
  double x[3 * B], y[3 * B];
  for (int i = 0; i < 3 * B; ++i) x[i] = 0.3 + 0.17 * i - 0.01 * i * i;
  CHECK_SPARSE(blocks, x, y);
  static_assert(blocks_jacobian_sparse_sweeps == 3, "3x3 blocks: 3 sweeps");
  static_assert(blocks_jacobian_nnz == 9 * B, "block-diagonal");
  CHECK_SPARSE(blocksEnergy, x, y);
  static_assert(blocksEnergy_jacobian_sparse_sweeps == 4, "3x3 blocks and a dense row: 4 reverse sweeps");
  {
    constexpr int C = blocksEnergy_jacobian_cols;
    double values[blocksEnergy_jacobian_nnz], J[(3 * B + 1) * C];
    double e = blocksEnergy_jacobian_sparse(x, y, values);
    ok = report("blocksEnergy_jacobian_sparse value", std::fabs(e - blocksEnergy(x, y)), 0) && ok;
    std::vector<double*> in;
    for (double& v : x) in.push_back(&v);
    std::vector<double> Jfd = centralJacobian<double>(in, 3 * B + 1, [&](double* o) { o[3 * B] = blocksEnergy(x, o); });
    for (int k = 0; k < (3 * B + 1) * C; ++k) J[k] = Jfd[static_cast<size_t>(k)];
    ok = report("blocksEnergy_jacobian_sparse vs central differences",
                worstSparse<3 * B + 1, C>(values, blocksEnergy_jacobian_sparse_rows, blocksEnergy_jacobian_sparse_cols,
                                          blocksEnergy_jacobian_nnz, J),
                1e-7) && ok;
  }
  double xd[4] = {0.3, -0.5, 0.8, 0.1}, s = 1.7, yd[3];
  CHECK_SPARSE(dense, xd, s, yd);
  static_assert(dense_jacobian_sparse_sweeps == 3 && dense_jacobian_nnz == 15, "dense 3 x 5: one reverse sweep per row");
  double xr[6] = {0.5, -1.2, 0.7, 2.0, -0.3, 1.1}, yr[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  CHECK_SPARSE(runtime, xr, 5, yr);
  static_assert(runtime_jacobian_nnz == 48, "a loop of run-time length: dense");
  double xe[3] = {0.4, 0.7, -1.3}, ye[2];
  CHECK_SPARSE(early, xe, ye);
  xe[1] = -0.7;
  CHECK_SPARSE(early, xe, ye);
  {
    double H[9 * B * B], values[blockEnergy_hessian_nnz];
    double e = blockEnergy_hessian(x, H);
    double e2 = blockEnergy_hessian_sparse(x, values);
    ok = report("blockEnergy_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    ok = report("blockEnergy_hessian_sparse vs dense",
                worstSparse<3 * B, 3 * B>(values, blockEnergy_hessian_sparse_rows, blockEnergy_hessian_sparse_cols,
                                          blockEnergy_hessian_nnz, H),
                1e-14) && ok;
    // p q e^(0.3 w): d/dp = q e^(0.3 w) reads no p, so H_pp = H_qq = 0: 7 of each block's 9.
    static_assert(blockEnergy_hessian_sparse_sweeps == 3 && blockEnergy_hessian_nnz == 7 * B, "3x3 blocks");
  }
  return ok ? 0 : 1;
}
#endif
