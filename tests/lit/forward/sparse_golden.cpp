// The emitted pattern and colouring of a small tridiagonal Jacobian (4 x 4,
// a loop with indices i - 1, i, i + 1 and constant boundary writes) and of a
// Hessian with a structurally zero diagonal entry, star-coloured.
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
// and H_yy are out of it. Star colouring, y first (it has most neighbours):
// y 0, x 1, z 1 (x - y - z has 2 colours, but no path on 4 columns does).
// Row y sums H_yx and H_yz in sweep 1, so both are read from sweep 0 (y's),
// at rows x and z; H_zz at row z of sweep 1.
// CHECK-LABEL: // bilinear_hessian_nnz: the nonzeros found at generation time, 5 of 3 x 3,
// CHECK-NEXT: // at (bilinear_hessian_sparse_rows[k], bilinear_hessian_sparse_cols[k]), row by row.
// CHECK-NEXT: inline constexpr int bilinear_hessian_nnz = 5;
// CHECK-NEXT: inline constexpr int bilinear_hessian_sparse_rows[5] = {0, 1, 1, 2, 2};
// CHECK-NEXT: inline constexpr int bilinear_hessian_sparse_cols[5] = {1, 0, 2, 1, 2};
// CHECK-EMPTY:
// CHECK-NEXT: // bilinear_hessian_sparse: returns bilinear and writes the nonzeros to values[k], k < bilinear_hessian_nnz.
// CHECK-NEXT: // A star colouring of the columns (neighbours differ, a path on 4 columns has 3 colours or more):
// CHECK-NEXT: // one bilinear_hvp sweep per colour, 2 sweep(s) for 3 column(s) (distance-2: 2);
// CHECK-NEXT: // H_ij and H_ji are read where column j (or i) is the only one of its colour in row i (j).
// CHECK-NEXT: inline constexpr int bilinear_hessian_sparse_sweeps = 2;
// CHECK-NEXT: inline double bilinear_hessian_sparse(const double* v, double* values) {
// CHECK-NEXT:   static constexpr int colour[3] = {1, 0, 1};  // of each column
// CHECK-NEXT:   static constexpr int sweep[5] = {0, 0, 0, 0, 1};  // nonzero k is read in this sweep
// CHECK-NEXT:   static constexpr int row[5] = {0, 0, 2, 2, 2};  // at this row
// CHECK-NEXT:   double value = 0.0;
// CHECK-NEXT:   double dir[3];
// CHECK-NEXT:   double hv[3];  // H dir
// CHECK-NEXT:   for (int s = 0; s < 2; ++s) {
// CHECK-NEXT:     for (int c = 0; c < 3; ++c) dir[c] = colour[c] == s ? 1.0 : 0.0;
// CHECK-NEXT:     value = bilinear_hvp(v, dir, hv);
// CHECK-NEXT:     for (int k = 0; k < bilinear_hessian_nnz; ++k)
// CHECK-NEXT:       if (sweep[k] == s) values[k] = hv[row[k]];
// CHECK-NEXT:   }
// CHECK-NEXT:   return value;
// CHECK-NEXT: }
GRADC_HESSIAN
double bilinear(const double v[3]) { return v[0] * v[1] + v[1] * v[2] * v[2]; }
