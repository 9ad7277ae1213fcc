// Hand-written gradient of adb_llsq::llsq_objective: with r_i the residual,
// d x_j += -r_i t_i^j. One point's powers t_i^j are kept while its residual
// is formed (m doubles on the stack, one iteration's values), then reused.
#pragma once

namespace adb_llsq_hand {

constexpr int kMaxM = 256;

inline double llsq_objective_grad(const double* x, int m, int n, double* d_x) {
  double sum = 0.0;
  double pw[kMaxM];
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1);
    double model = 0.0, tj = 1.0;
    for (int j = 0; j < m; ++j) {
      pw[j] = tj;
      model += x[j] * tj;
      tj *= t;
    }
    const double r = (t > 0.0 ? 1.0 : (t < 0.0 ? -1.0 : 0.0)) - model;
    sum += r * r;
    for (int j = 0; j < m; ++j) d_x[j] -= r * pw[j];
  }
  return 0.5 * sum;
}

}  // namespace adb_llsq_hand
