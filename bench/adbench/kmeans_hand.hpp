// Hand-written gradient of adb_kmeans::kmeans_objective: for each point the
// nearest centre j* (first on ties, as std::min) gets 2 (c_j* - p_i).
// Keeps nothing but the argmin index, per point.
#pragma once

namespace adb_kmeans_hand {

inline double kmeans_objective_grad(const double* points, const double* centres, int n, int k, int d,
                                    double* d_centres) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const double* p = points + i * d;
    double best = HUGE_VAL;
    int arg = 0;
    for (int j = 0; j < k; ++j) {
      const double* c = centres + j * d;
      double s = 0.0;
      for (int l = 0; l < d; ++l) {
        const double diff = p[l] - c[l];
        s += diff * diff;
      }
      if (s < best) {
        best = s;
        arg = j;
      }
    }
    total += best;
    const double* c = centres + arg * d;
    double* dc = d_centres + arg * d;
    for (int l = 0; l < d; ++l) dc[l] += 2.0 * (c[l] - p[l]);
  }
  return total;
}

}  // namespace adb_kmeans_hand
