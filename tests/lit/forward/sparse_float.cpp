// The sparse forms in float, built with -Wdouble-promotion: a tridiagonal
// Jacobian by columns (3 f_jvp sweeps), a block Jacobian with a returned
// dense row by rows (f_pullback and f_grad sweeps), and a banded Hessian
// (f_hvp sweeps, exactly symmetric), each equal to the dense form.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -Wdouble-promotion
// CHECK: inline constexpr int chain_jacobian_sparse_sweeps = 3;
// CHECK: inline void chain_jacobian_sparse(const float* x, float* y, float* values) {
// CHECK: inline constexpr int pairs_jacobian_sparse_sweeps = 3;
// CHECK: inline float pairs_jacobian_sparse(const float* x, float* y, float* values) {
// CHECK: value = pairs_grad(x, y, vj, seed);
// CHECK: pairs_pullback(x, y, 0.0f, vj, seed);
// CHECK: inline constexpr int ring_hessian_sparse_sweeps = 3;
#include <gradc/gradc.h>

#include <cmath>

GRADC_JACOBIAN
void chain(const float x[12], float y[12]) {
  for (int i = 0; i < 12; ++i) {
    float left = i > 0 ? x[i - 1] : 0.0f;
    float right = i < 11 ? x[i + 1] : 0.0f;
    y[i] = left * std::sin(x[i]) - right * right;
  }
}

GRADC_JACOBIAN
float pairs(const float x[8], float y[8]) {
  float total = 0.0f;
  for (int b = 0; b < 4; ++b) {
    y[2 * b] = x[2 * b] * x[2 * b + 1];
    y[2 * b + 1] = x[2 * b] - std::exp(x[2 * b + 1]);
    total += x[2 * b] * x[2 * b];
  }
  return total;
}

GRADC_HESSIAN
float ring(const float x[9]) {
  float e = 0.0f;
  for (int i = 0; i < 8; ++i) {
    float d = x[i + 1] - x[i];
    e += d * d * d * d + std::cos(x[i]);
  }
  return e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

template <int M, int N, int NNZ>
double worstSparse(const float* values, const int (&rows)[NNZ], const int (&cols)[NNZ], int nnz, const float* dense) {
  static float scattered[M * N];
  for (float& s : scattered) s = 0;
  for (int k = 0; k < nnz; ++k) scattered[rows[k] * N + cols[k]] = values[k];
  return worstDifference(scattered, dense, M * N);
}

int main() {
  bool ok = true;
  float x[12], y[12];
  for (int i = 0; i < 12; ++i) x[i] = 0.2f + 0.13f * static_cast<float>(i);
  {
    float J[12 * 12], values[chain_jacobian_nnz];
    chain_jacobian(x, y, J);
    chain_jacobian_sparse(x, y, values);
    ok = report("chain_jacobian_sparse vs dense (float)",
                worstSparse<12, 12>(values, chain_jacobian_sparse_rows, chain_jacobian_sparse_cols, chain_jacobian_nnz, J),
                0) && ok;
  }
  {
    constexpr int M = pairs_jacobian_rows, C = pairs_jacobian_cols;
    float J[M * C], values[pairs_jacobian_nnz];
    float v = pairs_jacobian(x, y, J);
    float v2 = pairs_jacobian_sparse(x, y, values);
    ok = report("pairs_jacobian_sparse value (float)", std::fabs(static_cast<double>(v2 - v)), 0) && ok;
    ok = report("pairs_jacobian_sparse vs dense (float)",
                worstSparse<M, C>(values, pairs_jacobian_sparse_rows, pairs_jacobian_sparse_cols, pairs_jacobian_nnz, J),
                1e-6) && ok;
  }
  {
    float H[81], values[ring_hessian_nnz];
    ring_hessian(x, H);
    ring_hessian_sparse(x, values);
    ok = report("ring_hessian_sparse vs dense (float)",
                worstSparse<9, 9>(values, ring_hessian_sparse_rows, ring_hessian_sparse_cols, ring_hessian_nnz, H), 1e-6) &&
         ok;
    static_assert(ring_hessian_nnz == 3 * 9 - 2, "tridiagonal");
  }
  return ok ? 0 : 1;
}
#endif
