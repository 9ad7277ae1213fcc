// The emitted pattern and colouring of a small tridiagonal Jacobian (4 x 4,
// a loop with indices i - 1, i, i + 1 and constant boundary writes) and of a
// Hessian with a structurally zero diagonal entry.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
#include <gradc/gradc.h>

// CHECK-LABEL: // laplace_jacobian_nnz: the nonzeros found at generation time, 10 of 4 x 4,
// CHECK-NEXT: // at (laplace_jacobian_sparse_rows[k], laplace_jacobian_sparse_cols[k]), row by row.
// CHECK-NEXT: inline constexpr int laplace_jacobian_nnz = 10;
// CHECK-NEXT: inline constexpr int laplace_jacobian_sparse_rows[10] = {0, 0, 1, 1, 1, 2, 2, 2, 3, 3};
// CHECK-NEXT: inline constexpr int laplace_jacobian_sparse_cols[10] = {0, 1, 0, 1, 2, 1, 2, 3, 2, 3};
// CHECK-EMPTY:
// CHECK-NEXT: // laplace_jacobian_sparse: writes the nonzeros to values[k], k < laplace_jacobian_nnz.
// CHECK-NEXT: // Forward mode over a column colouring (columns of one colour share no row):
// CHECK-NEXT: // one laplace_jvp sweep per colour, 3 sweep(s) for 4 column(s).
// CHECK-NEXT: inline constexpr int laplace_jacobian_sparse_sweeps = 3;
// CHECK-NEXT: inline void laplace_jacobian_sparse(const double* u, double* r, double* values) {
// CHECK-NEXT:   static constexpr int colour[4] = {0, 1, 2, 0};  // of each column
// CHECK-NEXT:   double dir[4];
// CHECK-NEXT:   double jv[4] = {};  // J dir, row by row (components f never writes stay 0)
// CHECK-NEXT:   for (int s = 0; s < 3; ++s) {
// CHECK-NEXT:     for (int c = 0; c < 4; ++c) dir[c] = colour[c] == s ? 1.0 : 0.0;
// CHECK-NEXT:     laplace_jvp(u, r, dir, jv);
// CHECK-NEXT:     for (int k = 0; k < laplace_jacobian_nnz; ++k)
// CHECK-NEXT:       if (colour[laplace_jacobian_sparse_cols[k]] == s) values[k] = jv[laplace_jacobian_sparse_rows[k]];
// CHECK-NEXT:   }
// CHECK-NEXT: }
GRADC_JACOBIAN
void laplace(const double u[4], double r[4]) {
  r[0] = u[1] - 2.0 * u[0];
  for (int i = 1; i < 3; ++i) r[i] = u[i - 1] - 2.0 * u[i] + u[i + 1];
  r[3] = u[2] - 2.0 * u[3];
}

// x y + y z^2: the gradient (y, x + z^2, 2 y z) gives the pattern; H_xx, H_xz
// and H_yy are out of it, and columns x and y share a colour (2 sweeps).
// CHECK-LABEL: // bilinear_hessian_nnz: the nonzeros found at generation time, 5 of 3 x 3,
// CHECK-NEXT: // at (bilinear_hessian_sparse_rows[k], bilinear_hessian_sparse_cols[k]), row by row.
// CHECK-NEXT: inline constexpr int bilinear_hessian_nnz = 5;
// CHECK-NEXT: inline constexpr int bilinear_hessian_sparse_rows[5] = {0, 1, 1, 2, 2};
// CHECK-NEXT: inline constexpr int bilinear_hessian_sparse_cols[5] = {1, 0, 2, 1, 2};
// CHECK-EMPTY:
// CHECK-NEXT: // bilinear_hessian_sparse: returns bilinear and writes the nonzeros to values[k], k < bilinear_hessian_nnz.
// CHECK-NEXT: // A distance-2 colouring of the columns (columns of one colour share no row): one bilinear_hvp
// CHECK-NEXT: // sweep per colour, 2 sweep(s) for 3 column(s); then (H + H^T) / 2, exactly symmetric.
// CHECK-NEXT: inline constexpr int bilinear_hessian_sparse_sweeps = 2;
// CHECK-NEXT: inline double bilinear_hessian_sparse(const double* v, double* values) {
// CHECK-NEXT:   static constexpr int colour[3] = {0, 0, 1};  // of each column
// CHECK-NEXT:   static constexpr int mirror[5] = {1, 0, 3, 2, 4};  // the k of (col, row)
// CHECK-NEXT:   double value = 0.0;
// CHECK-NEXT:   double dir[3];
// CHECK-NEXT:   double hv[3];  // H dir
// CHECK-NEXT:   for (int s = 0; s < 2; ++s) {
// CHECK-NEXT:     for (int c = 0; c < 3; ++c) dir[c] = colour[c] == s ? 1.0 : 0.0;
// CHECK-NEXT:     value = bilinear_hvp(v, dir, hv);
// CHECK-NEXT:     for (int k = 0; k < bilinear_hessian_nnz; ++k)
// CHECK-NEXT:       if (colour[bilinear_hessian_sparse_cols[k]] == s) values[k] = hv[bilinear_hessian_sparse_rows[k]];
// CHECK-NEXT:   }
// CHECK-NEXT:   for (int k = 0; k < bilinear_hessian_nnz; ++k)
// CHECK-NEXT:     if (bilinear_hessian_sparse_rows[k] < bilinear_hessian_sparse_cols[k]) {
// CHECK-NEXT:       double m = (values[k] + values[mirror[k]]) * 0.5;
// CHECK-NEXT:       values[k] = m;
// CHECK-NEXT:       values[mirror[k]] = m;
// CHECK-NEXT:     }
// CHECK-NEXT:   return value;
// CHECK-NEXT: }
GRADC_HESSIAN
double bilinear(const double v[3]) { return v[0] * v[1] + v[1] * v[2] * v[2]; }
