// Hand-written gradient of adb_lse::logsumexp: d lse / d x_i = exp(x_i - lse).
// The max has a zero adjoint in exact arithmetic (it cancels), so nothing is
// kept: one pass for the max, one for the sum, one writing the softmax. No
// storage, two exp per element (keeping the n exponentials would need n doubles).
#pragma once
#include <cmath>

namespace adb_lse_hand {

inline double logsumexp_grad(const double* x, int n, double* d_x) {
  double mx = x[0];
  for (int i = 1; i < n; ++i) mx = x[i] > mx ? x[i] : mx;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(x[i] - mx);
  const double lse = std::log(sum) + mx;
  for (int i = 0; i < n; ++i) d_x[i] += std::exp(x[i] - lse);
  return lse;
}

}  // namespace adb_lse_hand
