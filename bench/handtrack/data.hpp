// A fixed, reproducible pose problem for handtrack (mt19937_64 is the same everywhere).
#ifndef GRADC_BENCH_HANDTRACK_DATA_HPP
#define GRADC_BENCH_HANDTRACK_DATA_HPP

#include "model.hpp"

#include <random>

namespace handtrack {

struct Problem {
  double theta[kBones], local[kPoints * 2], weight[kPoints], target[kPoints * 2];
  int bone[kPoints];
};

inline Problem MakeProblem(unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0), w(0.2, 1.0);
  Problem q;
  for (double& t : q.theta) t = 0.2 * u(rng);
  for (int p = 0; p < kPoints; ++p) {
    q.bone[p] = static_cast<int>(rng() % (kBones - 1));
    q.local[2 * p] = 0.15 * u(rng);
    q.local[2 * p + 1] = 0.05 * u(rng);
    q.weight[p] = w(rng);
    q.target[2 * p] = 3.0 * u(rng);
    q.target[2 * p + 1] = 3.0 * u(rng);
  }
  return q;
}

}  // namespace handtrack

#endif  // GRADC_BENCH_HANDTRACK_DATA_HPP
