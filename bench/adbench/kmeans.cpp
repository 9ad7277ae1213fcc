// The k-means objective (GradBench "kmeans"): n points and k centres in d
// dimensions, row-major; the sum over points of the squared distance to the
// nearest centre:  f(C) = sum_i min_j ||p_i - c_j||^2.  Gradient w.r.t. C.
#include <gradc/gradc.h>

#include <cmath>

namespace adb_kmeans {

inline double sqdist(const double* a, const double* b, int d) {
  double s = 0.0;
  for (int l = 0; l < d; ++l) {
    const double diff = a[l] - b[l];
    s += diff * diff;
  }
  return s;
}

GRADC_GRAD_WRT(centres)
double kmeans_objective(const double* points, const double* centres, int n, int k, int d) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    double best = HUGE_VAL;
    for (int j = 0; j < k; ++j) {
      const double dist = sqdist(&points[i * d], &centres[j * d], d);
      best = std::min(best, dist);
    }
    total += best;
  }
  return total;
}

}  // namespace adb_kmeans
