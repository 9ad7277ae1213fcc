// Bundle adjustment as a photogrammetry user writes it (the ADBench "BA"
// objective of Srajer, Schkufza & Fitzgibbon 2018, from its definition):
// templated residuals in the Ceres style, `const T* cam` (11 numbers:
// angle-axis rotation, centre, focal length, principal point, 2 radial
// distortion coefficients), `const T* X`, residuals written through `T* err`,
// pointer aliases into the camera, Rodrigues' formula, radial distortion.
// The objective is the sum of squares of every residual (the weighted
// reprojection errors and the weight errors 1 - w^2).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

namespace ba {

template <typename T>
T dot3(const T* a, const T* b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

template <typename T>
void cross3(const T* a, const T* b, T* out) {
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

// Rotates pt by the angle-axis vector rot (Rodrigues' formula); near zero
// angle, the first-order form.
template <typename T>
void rodrigues_rotate_point(const T* rot, const T* pt, T* rotated) {
  const T sqtheta = dot3(rot, rot);
  if (sqtheta != T(0)) {
    const T theta = std::sqrt(sqtheta);
    const T costheta = std::cos(theta);
    const T sintheta = std::sin(theta);
    const T theta_inverse = T(1) / theta;
    const T w[3] = {rot[0] * theta_inverse, rot[1] * theta_inverse, rot[2] * theta_inverse};
    T w_cross_pt[3];
    cross3(w, pt, w_cross_pt);
    const T tmp = dot3(w, pt) * (T(1) - costheta);
    for (int i = 0; i < 3; i++) rotated[i] = pt[i] * costheta + w_cross_pt[i] * sintheta + w[i] * tmp;
  } else {
    T rot_cross_pt[3];
    cross3(rot, pt, rot_cross_pt);
    for (int i = 0; i < 3; i++) rotated[i] = pt[i] + rot_cross_pt[i];
  }
}

template <typename T>
void radial_distort(const T* rad_params, T* proj) {
  const T rsq = proj[0] * proj[0] + proj[1] * proj[1];
  const T L = T(1) + rad_params[0] * rsq + rad_params[1] * rsq * rsq;
  proj[0] *= L;
  proj[1] *= L;
}

template <typename T>
void project(const T* cam, const T* X, T* proj) {
  const T* const rot = &cam[0];
  const T* const C = &cam[3];
  const T& f = cam[6];
  const T* const x0 = &cam[7];
  const T* const rad = &cam[9];
  T Xo[3], Xcam[3];
  for (int i = 0; i < 3; i++) Xo[i] = X[i] - C[i];
  rodrigues_rotate_point(rot, Xo, Xcam);
  proj[0] = Xcam[0] / Xcam[2];
  proj[1] = Xcam[1] / Xcam[2];
  radial_distort(rad, proj);
  proj[0] = proj[0] * f + x0[0];
  proj[1] = proj[1] * f + x0[1];
}

template <typename T>
void compute_reproj_error(const T* cam, const T* X, const T* w, const double* feat, T* err) {
  T proj[2];
  project(cam, X, proj);
  err[0] = (*w) * (proj[0] - feat[0]);
  err[1] = (*w) * (proj[1] - feat[1]);
}

template <typename T>
void compute_zach_weight_error(const T* w, T* err) {
  *err = 1 - (*w) * (*w);
}

constexpr int BA_NCAMPARAMS = 11;

// obs[2 i], obs[2 i + 1]: observation i's camera and point.
template <typename T>
GRADC_GRAD_WRT(cams, X, w)
T ba_objective(int n, int m, int p, const T* cams, const T* X, const T* w, const int* obs, const double* feats) {
  (void)n;
  (void)m;
  T sum = 0;
  for (int i = 0; i < p; i++) {
    const int camIdx = obs[i * 2 + 0];
    const int ptIdx = obs[i * 2 + 1];
    T err[2];
    compute_reproj_error(&cams[camIdx * BA_NCAMPARAMS], &X[ptIdx * 3], &w[i], &feats[i * 2], err);
    sum += err[0] * err[0] + err[1] * err[1];
  }
  for (int i = 0; i < p; i++) {
    T werr;
    compute_zach_weight_error(&w[i], &werr);
    sum += werr * werr;
  }
  return sum;
}

template double ba_objective<double>(int, int, int, const double*, const double*, const double*, const int*,
                                     const double*);

}  // namespace ba

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../bench/adbench/ba_hand.hpp"
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

int main() {
  const int n = 3, m = 7, p = 15;
  std::vector<double> cams(n * 11), X(m * 3), w(p), feats(p * 2);
  std::vector<int> obs(p * 2);
  for (int c = 0; c < n; ++c) {
    double* cam = &cams[c * 11];
    for (int k = 0; k < 3; ++k) cam[k] = c == 0 ? 0.0 : 0.2 * std::sin(1.3 * c + k);  // camera 0: no rotation
    for (int k = 0; k < 3; ++k) cam[3 + k] = 0.1 * std::cos(0.7 * c + k);
    cam[6] = 1.2 + 0.1 * c;
    cam[7] = 0.05 * c;
    cam[8] = -0.03 * c;
    cam[9] = 0.01 * (c + 1);
    cam[10] = -0.002 * c;
  }
  for (int j = 0; j < m; ++j) {
    X[j * 3] = 0.3 * std::sin(j);
    X[j * 3 + 1] = 0.2 * std::cos(2.0 * j);
    X[j * 3 + 2] = 4.0 + 0.5 * std::sin(0.3 * j);
  }
  for (int i = 0; i < p; ++i) {
    obs[2 * i] = i % n;
    obs[2 * i + 1] = (3 * i) % m;
    w[i] = 0.8 + 0.01 * i;
    feats[2 * i] = 0.05 * std::sin(0.9 * i);
    feats[2 * i + 1] = 0.04 * std::cos(1.1 * i);
  }
  std::vector<double> d_cams(cams.size(), 0.0), d_X(X.size(), 0.0), d_w(w.size(), 0.0);
  std::vector<double> h_cams(cams.size(), 0.0), h_X(X.size(), 0.0), h_w(w.size(), 0.0);
  // (the in-place distortion of proj is kept for one observation at a time:
  // the loop is jointed, so no work buffer)
  const long before = ode_alloc::Count();
  const double value = ba::ba_objective_grad(n, m, p, cams.data(), X.data(), w.data(), obs.data(), feats.data(),
                                             d_cams.data(), d_X.data(), d_w.data());
  const long allocations = ode_alloc::Count() - before;
  const double hand = adb_ba_hand::ba_objective_grad(n, m, p, cams.data(), X.data(), w.data(), obs.data(),
                                                     feats.data(), h_cams.data(), h_X.data(), h_w.data());
  auto f = [&] { return ba::ba_objective(n, m, p, cams.data(), X.data(), w.data(), obs.data(), feats.data()); };
  const double vs_fd = std::fmax(worstRelativeError(cams, d_cams, f),
                                 std::fmax(worstRelativeError(X, d_X, f), worstRelativeError(w, d_w, f)));
  double vs_hand = 0.0;
  auto cmp = [&](const std::vector<double>& a, const std::vector<double>& b) {
    for (std::size_t k = 0; k < a.size(); ++k)
      vs_hand = std::fmax(vs_hand, std::fabs(a[k] - b[k]) / std::fmax(1.0, std::fabs(b[k])));
  };
  cmp(d_cams, h_cams);
  cmp(d_X, h_X);
  cmp(d_w, h_w);
  std::printf("ba: value %.9f (hand %.9f), vs hand-written %.1e, vs central differences %.1e, %ld allocations\n",
              value, hand, vs_hand, vs_fd, allocations);
  return !(std::fabs(value - f()) <= 1e-12 * std::fabs(value)) || !(vs_hand < 1e-12) || !(vs_fd < 1e-6) ||
         allocations != 0;
}
#endif
