// The determinant by minors (GradBench "det", CppAD's det_by_minor), fixed
// size the way users write it for AD tools: the order as a template parameter,
// Laplace expansion along the first row, each minor copied out by a helper
// and expanded by the next order down,
//   det(A) = sum_j (-1)^j a_0j det(minor_0j(A)),   det of a 1x1 = a_00.
// (The recursive form with a run-time order is rejected with the template
// alternative: tests/lit/diagnostics/nat_det_recursive.cpp.)
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

namespace det {

// m = A without row 0 and column col; A is n x n, row-major.
template <typename T>
void minor_of(const T* A, int n, int col, T* m) {
  for (int r = 1; r < n; ++r) {
    int k = 0;
    for (int c = 0; c < n; ++c) {
      if (c == col) continue;
      m[(r - 1) * (n - 1) + k] = A[r * n + c];
      ++k;
    }
  }
}

template <int N, typename T>
T det_by_minors(const T* A) {
  if constexpr (N == 1) {
    return A[0];
  } else {
    T det = 0;
    T sign = 1;
    for (int j = 0; j < N; ++j) {
      T m[(N - 1) * (N - 1)];
      minor_of(A, N, j, m);
      det += sign * A[j] * det_by_minors<N - 1>(m);
      sign = -sign;
    }
    return det;
  }
}

GRADC_GRAD
double det4(const double* A) { return det_by_minors<4>(A); }

GRADC_GRAD
double det5(const double A[25]) { return det_by_minors<5>(A); }

}  // namespace det

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../bench/adbench/det_hand.hpp"
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

template <int N, typename G, typename F>
static bool check(G grad, F primal) {
  std::vector<double> A(N * N), d_A(N * N, 0.0), h_A(N * N, 0.0);
  for (int q = 0; q < N * N; ++q) A[q] = std::sin(1.9 * q + 0.3) + (q % (N + 1) == 0 ? 2.0 : 0.0);
  const long before = ode_alloc::Count();
  const double value = grad(A.data(), d_A.data());
  const long allocations = ode_alloc::Count() - before;
  const double hand = adb_det_hand::det_minor_grad<N>(A.data(), 1.0, h_A.data());
  const double vs_fd = worstRelativeError(A, d_A, [&] { return primal(A.data()); });
  double vs_hand = 0.0;
  for (int q = 0; q < N * N; ++q)
    vs_hand = std::fmax(vs_hand, std::fabs(d_A[q] - h_A[q]) / std::fmax(1.0, std::fabs(h_A[q])));
  std::printf("det %dx%d: value %.12f (hand %.12f), vs hand-written %.1e, vs central differences %.1e, "
              "%ld allocations\n", N, N, value, hand, vs_hand, vs_fd, allocations);
  return std::fabs(value - hand) <= 1e-12 * std::fmax(1.0, std::fabs(hand)) && vs_hand < 1e-12 && vs_fd < 1e-7 &&
         allocations == 0;
}

int main() {
  bool ok = check<4>([](const double* a, double* d) { return det::det4_grad(a, d); }, det::det4);
  ok &= check<5>([](const double* a, double* d) { return det::det5_grad(a, d); }, det::det5);
  return !ok;
}
#endif
