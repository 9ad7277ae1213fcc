// A hand-tracking-style objective, in the shape of the standard AD benchmark's
// "hand" problem made planar: a chain of 26 bones posed by joint angles,
// 100 points skinned to two consecutive bones each (linear blend skinning),
// and the residuals between the posed points and their targets. Its Jacobian
// is tall (200 x 26): forward mode's case.
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

namespace handtrack {

GRADC_JACOBIAN_WRT(theta)
void residuals(const double theta[kBones], const double local[kPoints * 2], const int bone[kPoints],
               const double weight[kPoints], const double target[kPoints * 2], double r[kPoints * 2]) {
  // Forward kinematics: each bone's rotation (cosine, sine of its absolute
  // angle) and the joint where it starts, once per bone.
  double cs[kBones], sn[kBones], jx[kBones + 1], jy[kBones + 1];
  double angle = 0.0;
  jx[0] = 0.0;
  jy[0] = 0.0;
  for (int k = 0; k < kBones; ++k) {
    angle += theta[k];
    cs[k] = std::cos(angle);
    sn[k] = std::sin(angle);
    jx[k + 1] = jx[k] + kBoneLength * cs[k];
    jy[k + 1] = jy[k] + kBoneLength * sn[k];
  }
  // Skinning: the point in bone b's frame and in bone b + 1's, blended.
  for (int p = 0; p < kPoints; ++p) {
    const int b = bone[p];
    const double a = local[2 * p], c = local[2 * p + 1], w = weight[p];
    const double x0 = jx[b] + cs[b] * a - sn[b] * c;
    const double y0 = jy[b] + sn[b] * a + cs[b] * c;
    const double x1 = jx[b + 1] + cs[b + 1] * a - sn[b + 1] * c;
    const double y1 = jy[b + 1] + sn[b + 1] * a + cs[b + 1] * c;
    r[2 * p] = w * x0 + (1.0 - w) * x1 - target[2 * p];
    r[2 * p + 1] = w * y0 + (1.0 - w) * y1 - target[2 * p + 1];
  }
}

}  // namespace handtrack
