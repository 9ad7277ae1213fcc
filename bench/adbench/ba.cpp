// Bundle adjustment: the ADBench objective (Srajer, Schkufza, Fitzgibbon
// 2018, "BA"), written from its definition. n cameras of 11 parameters
// (angle-axis rotation, centre, focal length, principal point, two radial
// distortion coefficients), m points, p observations (camera, point) of a
// feature with a weight w. Residuals: per observation the weighted
// reprojection error w (proj - feature) (2 numbers), and the weight error
// 1 - w^2. ADBench computes their Jacobian; here the objective is the sum of
// squares of all residuals, and the gradient is that of the sum (w.r.t.
// cams, X and w).
#include <gradc/gradc.h>

#include <cmath>

namespace adb_ba {

constexpr int kCamParams = 11;
constexpr int kRot = 0, kC = 3, kF = 6, kX0 = 7, kRad = 9;

inline double dot3(const double* a, const double* b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

inline void cross3(const double* a, const double* b, double* out) {
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

// Rodrigues' rotation of X by the angle-axis vector rot.
inline void rodrigues_rotate_point(const double* rot, const double* X, double* rotated) {
  const double sqtheta = dot3(rot, rot);
  if (sqtheta != 0.0) {
    const double theta = std::sqrt(sqtheta);
    const double costheta = std::cos(theta);
    const double sintheta = std::sin(theta);
    const double theta_inverse = 1.0 / theta;
    double w[3];
    for (int i = 0; i < 3; ++i) w[i] = rot[i] * theta_inverse;
    double w_cross_X[3];
    cross3(w, X, w_cross_X);
    const double tmp = dot3(w, X) * (1.0 - costheta);
    for (int i = 0; i < 3; ++i) rotated[i] = X[i] * costheta + w_cross_X[i] * sintheta + w[i] * tmp;
  } else {
    double rot_cross_X[3];
    cross3(rot, X, rot_cross_X);
    for (int i = 0; i < 3; ++i) rotated[i] = X[i] + rot_cross_X[i];
  }
}

inline void radial_distort(const double* rad_params, double* proj) {
  const double rsq = proj[0] * proj[0] + proj[1] * proj[1];
  const double L = 1.0 + rad_params[0] * rsq + rad_params[1] * rsq * rsq;
  proj[0] = proj[0] * L;
  proj[1] = proj[1] * L;
}

inline void project(const double* cam, const double* X, double* proj) {
  double Xo[3], Xcam[3];
  for (int i = 0; i < 3; ++i) Xo[i] = X[i] - cam[kC + i];
  rodrigues_rotate_point(&cam[kRot], Xo, Xcam);
  proj[0] = Xcam[0] / Xcam[2];
  proj[1] = Xcam[1] / Xcam[2];
  radial_distort(&cam[kRad], proj);
  proj[0] = proj[0] * cam[kF] + cam[kX0];
  proj[1] = proj[1] * cam[kF] + cam[kX0 + 1];
}

inline void compute_reproj_error(const double* cam, const double* X, double w, const double* feat, double* err) {
  double proj[2];
  project(cam, X, proj);
  err[0] = w * (proj[0] - feat[0]);
  err[1] = w * (proj[1] - feat[1]);
}

inline double compute_weight_error(double w) { return 1.0 - w * w; }

// obs[2 i] is observation i's camera, obs[2 i + 1] its point.
GRADC_GRAD_WRT(cams, X, w)
double ba_objective(int n, int m, int p, const double* cams, const double* X, const double* w, const int* obs,
                    const double* feats) {
  double sum = 0.0;
  for (int i = 0; i < p; ++i) {
    double err[2];
    compute_reproj_error(&cams[obs[2 * i] * kCamParams], &X[obs[2 * i + 1] * 3], w[i], &feats[2 * i], err);
    sum += err[0] * err[0] + err[1] * err[1];
  }
  for (int i = 0; i < p; ++i) {
    const double werr = compute_weight_error(w[i]);
    sum += werr * werr;
  }
  return sum;
}

}  // namespace adb_ba
