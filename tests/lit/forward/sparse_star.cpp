// Sparse Hessians by star colouring (docs/forward.md). An arrow Hessian (one
// dense row and column and the diagonal) needs n sweeps by a distance-2
// colouring but 2 by a star colouring: the hub alone, then every other
// column, each H_0i read at row i of the hub's sweep. With the hub first
// (arrow, n = 10) or last (arrowLast: x[0..9) and t, t the hub). A
// tridiagonal Hessian takes 3 either way; a scattered pattern of chosen
// pairs takes no more than the distance-2 colouring, and one without H_ii
// takes the distance-2 colouring (fewer sweeps there). Each equals f_hessian
// entry by entry, exactly symmetric, and f_hessian equals central
// differences of f_grad.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: inline constexpr int arrow_hessian_nnz = 28;
// CHECK: // arrow_hessian_sparse: returns arrow and writes the nonzeros to values[k], k < arrow_hessian_nnz.
// CHECK-NEXT: // A star colouring of the columns (neighbours differ, a path on 4 columns has 3 colours or more):
// CHECK-NEXT: // one arrow_hvp sweep per colour, 2 sweep(s) for 10 column(s) (distance-2: 10);
// CHECK-NEXT: // H_ij and H_ji are read where column j (or i) is the only one of its colour in row i (j).
// CHECK-NEXT: inline constexpr int arrow_hessian_sparse_sweeps = 2;
// CHECK-NEXT: inline double arrow_hessian_sparse(const double* x, double* values) {
// CHECK-NEXT:   static constexpr int colour[10] = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1};  // of each column
// CHECK: // one arrowLast_hvp sweep per colour, 2 sweep(s) for 11 column(s) (distance-2: 11);
// CHECK: // one chain_hvp sweep per colour, 3 sweep(s) for 12 column(s) (distance-2: 3);
// CHECK: // one pairs_hvp sweep per colour, [[S:[0-9]+]] sweep(s) for 10 column(s) (distance-2: [[D:[0-9]+]]);
// CHECK: inline constexpr int pairs_hessian_sparse_sweeps = [[S]];
// CHECK: // noDiagonal_hessian_sparse: returns noDiagonal and writes the nonzeros to values[k], k < noDiagonal_hessian_nnz.
// CHECK-NEXT: // A distance-2 colouring of the columns (columns of one colour share no row): one noDiagonal_hvp
// CHECK-NEXT: // sweep per colour, 3 sweep(s) for 6 column(s) (star: 4); H_ji is read where H_ij is.
#include <gradc/gradc.h>

#include <cmath>

constexpr int N = 10;

GRADC_HESSIAN
double arrow(const double x[N]) {
  double f = std::cos(x[0]);
  for (int i = 1; i < N; ++i) f += x[0] * x[i] * x[i] + std::sin(x[i]);
  return f;
}

GRADC_HESSIAN
double arrowLast(const double x[N], double t) {
  double f = std::exp(0.1 * t);
  for (int i = 0; i < N; ++i) f += t * x[i] * x[i] + 0.25 * x[i] * x[i] * x[i] * x[i];
  return f;
}

constexpr int M = 12;

GRADC_HESSIAN
double chain(const double x[M]) {
  double f = 0.0;
  for (int i = 0; i + 1 < M; ++i) f += std::exp(0.3 * x[i] * x[i + 1]);
  return f;
}

// Products of chosen pairs: H_ab, H_ba, H_aa and H_bb for each pair (a, b).
constexpr int P = 11;
constexpr int pairA[P] = {0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 1};
constexpr int pairB[P] = {3, 7, 5, 8, 6, 9, 9, 2, 4, 0, 5};

GRADC_HESSIAN
double pairs(const double x[N]) {
  return std::sin(x[0] * x[3]) + std::sin(x[1] * x[7]) + std::sin(x[2] * x[5]) + std::sin(x[3] * x[8]) +
         std::sin(x[4] * x[6]) + std::sin(x[5] * x[9]) + std::sin(x[0] * x[9]) + std::sin(x[6] * x[2]) +
         std::sin(x[7] * x[4]) + std::sin(x[8] * x[0]) + std::sin(x[1] * x[5]);
}

// Products of distinct inputs only: no H_ii. A star colouring keeps
// neighbours apart (4 colours here); a distance-2 one need not, as no row
// holds both x_i and its neighbour x_j (3): it is taken.
GRADC_HESSIAN
double noDiagonal(const double x[6]) {
  return 1.5 * x[0] * x[2] - x[0] * x[3] + 0.5 * x[0] * x[5] + 2.0 * x[1] * x[2] - 0.7 * x[1] * x[5] + x[2] * x[3];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

// The sparse Hessian against the dense one: entries in the pattern equal,
// out of it exactly 0 in H; the pattern exactly `expected`; symmetric exactly.
template <int Nn, int NNZ>
bool compare(const char* name, const double* values, const int (&rows)[NNZ], const int (&cols)[NNZ], int nnz,
             const double* H, bool (*expected)(int, int)) {
  static double scattered[Nn * Nn];
  for (double& s : scattered) s = 0;
  bool ok = true, inPattern = true;
  int count = 0;
  for (int k = 0; k < nnz; ++k) scattered[rows[k] * Nn + cols[k]] = values[k], inPattern = inPattern && expected(rows[k], cols[k]);
  for (int i = 0; i < Nn; ++i)
    for (int j = 0; j < Nn; ++j) count += expected(i, j);
  std::printf("%s: %d nonzeros, %d expected\n", name, nnz, count);
  ok = inPattern && count == nnz;
  double worst = 0, asym = 0;
  for (int k = 0; k < Nn * Nn; ++k)
    worst = std::fmax(worst, std::fabs(scattered[k] - H[k]) / std::fmax(1.0, std::fabs(H[k])));
  for (int i = 0; i < Nn; ++i)
    for (int j = 0; j < Nn; ++j) asym = std::fmax(asym, std::fabs(scattered[i * Nn + j] - scattered[j * Nn + i]));
  ok = report("  sparse vs dense f_hessian", worst, 1e-14) && ok;
  ok = report("  sparse symmetric (exactly)", asym, 0) && ok;
  return ok;
}

bool arrowEntry(int i, int j) { return i == 0 || j == 0 || i == j; }
bool arrowLastEntry(int i, int j) { return i == N || j == N || i == j; }
bool chainEntry(int i, int j) { return std::abs(i - j) <= 1; }
// The sweeps of a greedy distance-2 colouring (columns in order, the
// smallest colour no column sharing a row with it has): what gradc used before.
template <int Nn>
int distance2(bool (*entry)(int, int)) {
  int colour[Nn], most = 0;
  for (int c = 0; c < Nn; ++c) {
    bool taken[Nn] = {};
    for (int r = 0; r < Nn; ++r)
      if (entry(r, c))
        for (int o = 0; o < c; ++o)
          if (entry(r, o)) taken[colour[o]] = true;
    colour[c] = 0;
    while (taken[colour[c]]) ++colour[c];
    most = colour[c] + 1 > most ? colour[c] + 1 : most;
  }
  return most;
}

bool noDiagonalEntry(int i, int j) {
  const int a[6] = {0, 0, 0, 1, 1, 2}, b[6] = {2, 3, 5, 2, 5, 3};
  for (int p = 0; p < 6; ++p)
    if ((a[p] == i && b[p] == j) || (a[p] == j && b[p] == i)) return true;
  return false;
}

bool pairsEntry(int i, int j) {
  if (i == j) return true;
  for (int p = 0; p < P; ++p)
    if ((pairA[p] == i && pairB[p] == j) || (pairA[p] == j && pairB[p] == i)) return true;
  return false;
}

int main() {
  bool ok = true;
  double x[M];
  for (int i = 0; i < M; ++i) x[i] = 0.4 + 0.13 * i - 0.02 * i * i;
  {
    double H[N * N], values[arrow_hessian_nnz];
    double e = arrow_hessian(x, H), e2 = arrow_hessian_sparse(x, values);
    ok = report("arrow_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    ok = compare<N>("arrow", values, arrow_hessian_sparse_rows, arrow_hessian_sparse_cols, arrow_hessian_nnz, H, arrowEntry) && ok;
    std::vector<double*> in;
    for (int i = 0; i < N; ++i) in.push_back(&x[i]);
    std::vector<double> Hfd = centralJacobian<double>(in, N, [&](double* g) {
      for (int i = 0; i < N; ++i) g[i] = 0;
      arrow_grad(x, g);
    });
    ok = report("arrow_hessian vs central differences of grad", worstDifference(H, Hfd.data(), N * N), 1e-7) && ok;
    static_assert(arrow_hessian_sparse_sweeps == 2, "an arrow: the hub, then the rest");
    static_assert(arrow_hessian_nnz == 3 * N - 2, "one dense row and column, and the diagonal");
  }
  {
    constexpr int C = N + 1;
    double t = 0.7, H[C * C], values[arrowLast_hessian_nnz];
    double e = arrowLast_hessian(x, t, H), e2 = arrowLast_hessian_sparse(x, t, values);
    ok = report("arrowLast_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    ok = compare<C>("arrowLast", values, arrowLast_hessian_sparse_rows, arrowLast_hessian_sparse_cols,
                    arrowLast_hessian_nnz, H, arrowLastEntry) && ok;
    std::vector<double*> in;
    for (int i = 0; i < N; ++i) in.push_back(&x[i]);
    in.push_back(&t);
    std::vector<double> Hfd = centralJacobian<double>(in, C, [&](double* g) {
      for (int i = 0; i < C; ++i) g[i] = 0;
      arrowLast_grad(x, t, g, &g[N]);
    });
    ok = report("arrowLast_hessian vs central differences of grad", worstDifference(H, Hfd.data(), C * C), 1e-7) && ok;
    static_assert(arrowLast_hessian_sparse_sweeps == 2, "an arrow with its hub last");
  }
  {
    double H[M * M], values[chain_hessian_nnz];
    double e = chain_hessian(x, H), e2 = chain_hessian_sparse(x, values);
    ok = report("chain_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    ok = compare<M>("chain", values, chain_hessian_sparse_rows, chain_hessian_sparse_cols, chain_hessian_nnz, H, chainEntry) && ok;
    std::vector<double*> in;
    for (int i = 0; i < M; ++i) in.push_back(&x[i]);
    std::vector<double> Hfd = centralJacobian<double>(in, M, [&](double* g) {
      for (int i = 0; i < M; ++i) g[i] = 0;
      chain_grad(x, g);
    });
    ok = report("chain_hessian vs central differences of grad", worstDifference(H, Hfd.data(), M * M), 1e-7) && ok;
    static_assert(chain_hessian_sparse_sweeps == 3, "tridiagonal: 3 sweeps");
  }
  std::printf("sweeps: arrow %d (distance-2 %d), arrowLast %d (%d), chain %d (%d), pairs %d (%d)\n",
              arrow_hessian_sparse_sweeps, distance2<N>(arrowEntry), arrowLast_hessian_sparse_sweeps,
              distance2<N + 1>(arrowLastEntry), chain_hessian_sparse_sweeps, distance2<M>(chainEntry),
              pairs_hessian_sparse_sweeps, distance2<N>(pairsEntry));
  ok = distance2<N>(arrowEntry) == N && distance2<N + 1>(arrowLastEntry) == N + 1 && ok;
  ok = pairs_hessian_sparse_sweeps <= distance2<N>(pairsEntry) && chain_hessian_sparse_sweeps <= distance2<M>(chainEntry) && ok;
  for (double shift : {0.0, -0.9}) {
    double y[N];
    for (int i = 0; i < N; ++i) y[i] = x[i] + shift * std::cos(1.7 * i);
    double H[N * N], values[pairs_hessian_nnz];
    double e = pairs_hessian(y, H), e2 = pairs_hessian_sparse(y, values);
    ok = report("pairs_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    ok = compare<N>("pairs", values, pairs_hessian_sparse_rows, pairs_hessian_sparse_cols, pairs_hessian_nnz, H, pairsEntry) && ok;
    std::vector<double*> in;
    for (int i = 0; i < N; ++i) in.push_back(&y[i]);
    std::vector<double> Hfd = centralJacobian<double>(in, N, [&](double* g) {
      for (int i = 0; i < N; ++i) g[i] = 0;
      pairs_grad(y, g);
    });
    ok = report("pairs_hessian vs central differences of grad", worstDifference(H, Hfd.data(), N * N), 1e-7) && ok;
  }
  {
    double y[6] = {0.3, -1.2, 0.8, 2.1, -0.4, 1.0}, H[36], values[noDiagonal_hessian_nnz];
    double e = noDiagonal_hessian(y, H), e2 = noDiagonal_hessian_sparse(y, values);
    ok = report("noDiagonal_hessian_sparse value", std::fabs(e2 - e), 0) && ok;
    ok = compare<6>("noDiagonal", values, noDiagonal_hessian_sparse_rows, noDiagonal_hessian_sparse_cols,
                    noDiagonal_hessian_nnz, H, noDiagonalEntry) && ok;
    // by hand: the coefficients of the products
    const double Hhand[36] = {0, 0, 1.5, -1, 0, 0.5,  0,   0,   2, 0, 0, -0.7, 1.5, 2, 0, 1, 0, 0,
                              -1, 0, 1, 0, 0, 0,  0, 0, 0, 0, 0, 0,  0.5, -0.7, 0, 0, 0, 0};
    ok = report("noDiagonal_hessian vs by hand", worstDifference(H, Hhand, 36), 0) && ok;
    static_assert(noDiagonal_hessian_sparse_sweeps == 3, "distance-2: 3 sweeps (star: 4)");
  }
  return ok ? 0 : 1;
}
#endif
