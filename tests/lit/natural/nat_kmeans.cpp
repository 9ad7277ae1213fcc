// The k-means objective as a user writes it (GradBench "kmeans", from its
// definition): n points and k centres in d dimensions, row-major; the cost is
// the sum over points of the squared distance to the nearest centre,
//   f(C) = sum_i min_j |p_i - c_j|^2,
// with pointer aliases to the point and the centre, and the running minimum
// starting from infinity.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <limits>

namespace km {

template <typename T>
T sqdist(const T* a, const T* b, int d) {
  T dist = 0;
  for (int l = 0; l < d; ++l) {
    const T diff = a[l] - b[l];
    dist += diff * diff;
  }
  return dist;
}

template <typename T>
GRADC_GRAD_WRT(centres)
T kmeans_objective(int n, int k, int d, const T* points, const T* centres) {
  T cost = 0;
  for (int i = 0; i < n; ++i) {
    const T* const a = &points[i * d];
    T closest = std::numeric_limits<T>::infinity();
    for (int j = 0; j < k; ++j) {
      const T* b = centres + j * d;
      const T dist = sqdist(a, b, d);
      if (dist < closest) closest = dist;
    }
    cost += closest;
  }
  return cost;
}

template double kmeans_objective<double>(int, int, int, const double*, const double*);

}  // namespace km

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../bench/adbench/kmeans_hand.hpp"
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  for (int n : {1, 40}) {
    const int k = 5, d = 3;
    std::vector<double> points(n * d), centres(k * d), d_c(k * d, 0.0), h_c(k * d, 0.0);
    for (int q = 0; q < n * d; ++q) points[q] = std::sin(1.7 * q + 0.2);
    for (int q = 0; q < k * d; ++q) centres[q] = 0.8 * std::cos(0.9 * q);
    const long before = ode_alloc::Count();
    const double value = km::kmeans_objective_grad(n, k, d, points.data(), centres.data(), d_c.data());
    const long allocations = ode_alloc::Count() - before;
    const double hand = adb_kmeans_hand::kmeans_objective_grad(points.data(), centres.data(), n, k, d, h_c.data());
    auto f = [&] { return km::kmeans_objective(n, k, d, points.data(), centres.data()); };
    const double vs_fd = worstRelativeError(centres, d_c, f);
    double vs_hand = 0.0;
    for (int q = 0; q < k * d; ++q)
      vs_hand = std::fmax(vs_hand, std::fabs(d_c[q] - h_c[q]) / std::fmax(1.0, std::fabs(h_c[q])));
    std::printf("kmeans n %d: value %.9f (hand %.9f), vs hand-written %.1e, vs central differences %.1e, "
                "%ld allocations\n", n, value, hand, vs_hand, vs_fd, allocations);
    bad |= !(value == f()) || !(vs_hand < 1e-13) || !(vs_fd < 1e-7) || allocations != 0;
  }
  return bad;
}
#endif
