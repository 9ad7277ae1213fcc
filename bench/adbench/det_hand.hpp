// Hand-written gradient of adb_det::det_minor<N>: the same expansion, each
// level returning the minor's determinant while adding seed * d det / d a into
// d_a. The seed of minor j, sign a_0j d, is known before the minor is
// expanded, so one recursive walk does the primal and the pullback together;
// storage is one minor and its adjoint per level (N^2 doubles each), nothing
// that grows factorially.
#pragma once

namespace adb_det_hand {

template <int N>
double det_minor_grad(const double* a, double seed, double* d_a) {
  if constexpr (N == 1) {
    d_a[0] += seed;
    return a[0];
  } else {
    double sum = 0.0, sign = 1.0;
    for (int j = 0; j < N; ++j) {
      double minor[(N - 1) * (N - 1)], d_minor[(N - 1) * (N - 1)];
      for (int r = 1; r < N; ++r)
        for (int c = 0, mc = 0; c < N; ++c)
          if (c != j) {
            minor[(r - 1) * (N - 1) + mc] = a[r * N + c];
            d_minor[(r - 1) * (N - 1) + mc] = 0.0;
            ++mc;
          }
      const double m = det_minor_grad<N - 1>(minor, seed * sign * a[j], d_minor);
      sum += sign * a[j] * m;
      d_a[j] += seed * sign * m;
      for (int r = 1; r < N; ++r)
        for (int c = 0, mc = 0; c < N; ++c)
          if (c != j) d_a[r * N + c] += d_minor[(r - 1) * (N - 1) + mc++];
      sign = -sign;
    }
    return sum;
  }
}

}  // namespace adb_det_hand
