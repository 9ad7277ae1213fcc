// The Jacobian of handtrack::residuals by hand, the way a tracking engineer
// writes it: rotating joint j turns everything after it about the joint, so
// d(point on bone k)/d theta_j = [j <= k] * perp(point - joint_j), with
// perp(x, y) = (-y, x). One forward-kinematics pass, then one row pair per point.
#ifndef GRADC_BENCH_HANDTRACK_HAND_HPP
#define GRADC_BENCH_HANDTRACK_HAND_HPP

#include "model.hpp"

#include <cmath>

namespace handtrack_hand {

using handtrack::kBoneLength;
using handtrack::kBones;
using handtrack::kPoints;

inline void ResidualsJacobian(const double theta[kBones], const double local[kPoints * 2], const int bone[kPoints],
                              const double weight[kPoints], const double target[kPoints * 2], double r[kPoints * 2],
                              double J[kPoints * 2 * kBones]) {
  double cs[kBones], sn[kBones], jx[kBones + 1], jy[kBones + 1];
  double angle = 0.0;
  jx[0] = jy[0] = 0.0;
  for (int k = 0; k < kBones; ++k) {
    angle += theta[k];
    cs[k] = std::cos(angle);
    sn[k] = std::sin(angle);
    jx[k + 1] = jx[k] + kBoneLength * cs[k];
    jy[k + 1] = jy[k] + kBoneLength * sn[k];
  }
  for (int p = 0; p < kPoints; ++p) {
    const int b = bone[p];
    const double a = local[2 * p], c = local[2 * p + 1], w = weight[p];
    const double x0 = jx[b] + cs[b] * a - sn[b] * c, y0 = jy[b] + sn[b] * a + cs[b] * c;
    const double x1 = jx[b + 1] + cs[b + 1] * a - sn[b + 1] * c, y1 = jy[b + 1] + sn[b + 1] * a + cs[b + 1] * c;
    r[2 * p] = w * x0 + (1.0 - w) * x1 - target[2 * p];
    r[2 * p + 1] = w * y0 + (1.0 - w) * y1 - target[2 * p + 1];
    double* rx = J + (2 * p) * kBones;
    double* ry = rx + kBones;
    for (int j = 0; j <= b; ++j) {
      rx[j] = -(w * (y0 - jy[j]) + (1.0 - w) * (y1 - jy[j]));
      ry[j] = w * (x0 - jx[j]) + (1.0 - w) * (x1 - jx[j]);
    }
    rx[b + 1] = -(1.0 - w) * (y1 - jy[b + 1]);
    ry[b + 1] = (1.0 - w) * (x1 - jx[b + 1]);
    for (int j = b + 2; j < kBones; ++j) rx[j] = ry[j] = 0.0;
  }
}

}  // namespace handtrack_hand

#endif  // GRADC_BENCH_HANDTRACK_HAND_HPP
