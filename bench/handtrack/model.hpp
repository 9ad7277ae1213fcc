// A planar hand-tracking-style objective (model.cpp): residuals of skinned
// points against targets, posed by a chain of joint angles.
#ifndef GRADC_BENCH_HANDTRACK_MODEL_HPP
#define GRADC_BENCH_HANDTRACK_MODEL_HPP

namespace handtrack {

constexpr int kBones = 26;    // joint angles, as many as the benchmark's hand model has parameters
constexpr int kPoints = 100;  // each skinned to bones bone[p] and bone[p] + 1 (bone[p] < kBones - 1)
constexpr double kBoneLength = 0.3;

void residuals(const double theta[kBones], const double local[kPoints * 2], const int bone[kPoints],
               const double weight[kPoints], const double target[kPoints * 2], double r[kPoints * 2]);

}  // namespace handtrack

#endif  // GRADC_BENCH_HANDTRACK_MODEL_HPP
