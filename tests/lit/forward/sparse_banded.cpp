// The sparse Jacobian of a banded model: the residual of the 1-D Bratu
// problem u'' + lambda e^u = 0 on n = 20 interior points (a tridiagonal
// Jacobian) takes 3 f_jvp sweeps, not 20, and equals f_jacobian and central
// differences; with lambda differentiated too its dense column takes one
// more colour (4 sweeps). The Hessian of the residual's sum of squares is
// pentadiagonal: 5 f_hvp sweeps, exactly symmetric, equal to f_hessian.
// Neither sparse form allocates.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline constexpr int bratu_jacobian_nnz = 58;
// CHECK: // bratu_jacobian_sparse: writes the nonzeros to values[k], k < bratu_jacobian_nnz.
// CHECK-NEXT: // Forward mode over a column colouring (columns of one colour share no row):
// CHECK-NEXT: // one bratu_jvp sweep per colour, 3 sweep(s) for 20 column(s).
// CHECK-NEXT: inline constexpr int bratu_jacobian_sparse_sweeps = 3;
// CHECK-NEXT: inline void bratu_jacobian_sparse(const double* u, double lambda, double* r, double* values) {
// CHECK: inline constexpr int bratuLambda_jacobian_sparse_sweeps = 4;
// CHECK: inline constexpr int energy_hessian_nnz = 94;
// CHECK: inline constexpr int energy_hessian_sparse_sweeps = 5;
#include <gradc/gradc.h>

#include <cmath>

constexpr int N = 20;

GRADC_JACOBIAN_WRT(u)
void bratu(const double u[N], double lambda, double r[N]) {
  const double h = 1.0 / (N + 1);
  for (int i = 0; i < N; ++i) {
    double left = i > 0 ? u[i - 1] : 0.0;  // boundary values u(0) = u(1) = 0
    double right = i < N - 1 ? u[i + 1] : 0.0;
    r[i] = (left - 2.0 * u[i] + right) / (h * h) + lambda * std::exp(u[i]);
  }
}

GRADC_JACOBIAN
void bratuLambda(const double u[N], double lambda, double r[N]) {
  const double h = 1.0 / (N + 1);
  for (int i = 0; i < N; ++i) {
    double left = 0.0, right = 0.0;
    if (i > 0) left = u[i - 1];
    if (i + 1 < N) right = u[i + 1];
    r[i] = (left - 2.0 * u[i] + right) / (h * h) + lambda * std::exp(u[i]);
  }
}

GRADC_HESSIAN_WRT(u)
double energy(const double u[N], double lambda) {
  const double h = 1.0 / (N + 1);
  double e = 0.0;
  for (int i = 0; i < N; ++i) {
    double left = i > 0 ? u[i - 1] : 0.0;
    double right = i < N - 1 ? u[i + 1] : 0.0;
    double ri = (left - 2.0 * u[i] + right) / (h * h) + lambda * std::exp(u[i]);
    e += 0.5 * ri * ri;
  }
  return e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

#include <cstdlib>
#include <new>

static long allocations = 0;
void* operator new(std::size_t n) {
  ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

// values (k < nnz at rows[k], cols[k]) against a dense m x n matrix: every
// entry outside the pattern must be exactly 0 there.
template <int M, int N_, int NNZ>
double worstSparse(const double* values, const int (&rows)[NNZ], const int (&cols)[NNZ], int nnz, const double* dense) {
  static double scattered[M * N_];
  for (double& s : scattered) s = 0;
  for (int k = 0; k < nnz; ++k) scattered[rows[k] * N_ + cols[k]] = values[k];
  return worstDifference(scattered, dense, M * N_);
}

int main() {
  bool ok = true;
  double u[N], lambda = 1.3, r[N], r2[N];
  for (int i = 0; i < N; ++i) u[i] = 0.1 * std::sin(0.4 * i) + 0.02 * i;
  {
    double J[bratu_jacobian_rows * bratu_jacobian_cols], values[bratu_jacobian_nnz];
    bratu_jacobian(u, lambda, r, J);
    long before = allocations;
    bratu_jacobian_sparse(u, lambda, r2, values);
    ok = report("bratu_jacobian_sparse allocates nothing", static_cast<double>(allocations - before), 0) && ok;
    ok = report("bratu_jacobian_sparse vs bratu_jacobian",
                worstSparse<N, N>(values, bratu_jacobian_sparse_rows, bratu_jacobian_sparse_cols, bratu_jacobian_nnz, J),
                1e-15) && ok;
    ok = report("bratu_jacobian_sparse writes r", worstDifference(r2, r, N), 0) && ok;
    std::vector<double*> in;
    for (double& x : u) in.push_back(&x);
    std::vector<double> Jfd = centralJacobian<double>(in, N, [&](double* o) { bratu(u, lambda, o); });
    ok = report("bratu_jacobian_sparse vs central differences",
                worstSparse<N, N>(values, bratu_jacobian_sparse_rows, bratu_jacobian_sparse_cols, bratu_jacobian_nnz,
                                  Jfd.data()),
                1e-6) && ok;
    static_assert(bratu_jacobian_sparse_sweeps == 3, "a tridiagonal Jacobian takes 3 sweeps");
    static_assert(bratu_jacobian_nnz == 3 * N - 2, "tridiagonal");
  }
  {
    constexpr int C = bratuLambda_jacobian_cols;
    double J[N * C], values[bratuLambda_jacobian_nnz];
    bratuLambda_jacobian(u, lambda, r, J);
    bratuLambda_jacobian_sparse(u, lambda, r2, values);
    ok = report("bratuLambda_jacobian_sparse vs dense",
                worstSparse<N, C>(values, bratuLambda_jacobian_sparse_rows, bratuLambda_jacobian_sparse_cols,
                                  bratuLambda_jacobian_nnz, J),
                1e-15) && ok;
    static_assert(bratuLambda_jacobian_sparse_sweeps == 4, "tridiagonal and one dense column");
    static_assert(bratuLambda_jacobian_nnz == 3 * N - 2 + N, "tridiagonal and one dense column");
  }
  {
    double H[N * N], values[energy_hessian_nnz];
    double e = energy_hessian(u, lambda, H);
    long before = allocations;
    double e2 = energy_hessian_sparse(u, lambda, values);
    ok = report("energy_hessian_sparse allocates nothing", static_cast<double>(allocations - before), 0) && ok;
    ok = report("energy_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    double Hmax = 0;
    for (double x : H) Hmax = std::fmax(Hmax, std::fabs(x));
    double worst = worstSparse<N, N>(values, energy_hessian_sparse_rows, energy_hessian_sparse_cols, energy_hessian_nnz, H);
    ok = report("energy_hessian_sparse vs dense (relative to max |H|)", worst / std::fmax(1.0, Hmax), 1e-13) && ok;
    double asym = 0;
    for (int k = 0; k < energy_hessian_nnz; ++k)
      for (int m = 0; m < energy_hessian_nnz; ++m)
        if (energy_hessian_sparse_rows[k] == energy_hessian_sparse_cols[m] &&
            energy_hessian_sparse_cols[k] == energy_hessian_sparse_rows[m])
          asym = std::fmax(asym, std::fabs(values[k] - values[m]));
    ok = report("energy_hessian_sparse symmetric (exactly)", asym, 0) && ok;
    static_assert(energy_hessian_sparse_sweeps == 5, "a pentadiagonal Hessian takes 5 sweeps");
    static_assert(energy_hessian_nnz == 5 * N - 6, "pentadiagonal");
  }
  return ok ? 0 : 1;
}
#endif
