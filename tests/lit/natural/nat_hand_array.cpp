// A hand-tracking-style skinning objective (after the ADBench "hand" model of
// Srajer, Schkufza & Fitzgibbon 2018: a kinematic chain of bones posed by
// Euler angles, linear blend skinning, squared distance to observed points),
// written as users write it on a small fixed-size matrix class in the style
// of Eigen's fixed-size types: `template <int R, int C> struct Mat` with
// operator(), * and + returning by value, a static identity(), and an array
// of matrices for the bones' transforms (`Mat4 absolute[kBones]`, lowered as
// one array per member, `absolute_v[3 * 16]`). The same model as
// tests/lit/natural/nat_hand.cpp, which sums the skinning inside the bone
// loop instead; the gradient is checked against the same hand-written one.
//   theta[0..2] global rotation, theta[3..5] global translation,
//   theta[6 + 3b ..] bone b's Euler angles; bone b sits at kBoneOffset[b] in its parent.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

namespace hand {

template <int R, int C>
struct Mat {
  double v[R * C];
  double& operator()(int r, int c) { return v[r * C + c]; }
  double operator()(int r, int c) const { return v[r * C + c]; }
  static Mat identity() {
    Mat m{};
    for (int i = 0; i < R && i < C; ++i) m(i, i) = 1.0;
    return m;
  }
};

template <int R, int K, int C>
Mat<R, C> operator*(const Mat<R, K>& a, const Mat<K, C>& b) {
  Mat<R, C> out;
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) {
      double s = 0.0;
      for (int k = 0; k < K; ++k) s += a(r, k) * b(k, c);
      out(r, c) = s;
    }
  return out;
}

template <int R, int C>
Mat<R, C> operator+(const Mat<R, C>& a, const Mat<R, C>& b) {
  Mat<R, C> out;
  for (int i = 0; i < R * C; ++i) out.v[i] = a.v[i] + b.v[i];
  return out;
}

template <int R, int C>
Mat<R, C> operator*(double s, const Mat<R, C>& a) {
  Mat<R, C> out;
  for (int i = 0; i < R * C; ++i) out.v[i] = s * a.v[i];
  return out;
}

using Mat3 = Mat<3, 3>;
using Mat4 = Mat<4, 4>;
using Vec4 = Mat<4, 1>;

constexpr int kBones = 3;
constexpr int kVerts = 6;
constexpr int kParams = 6 + 3 * kBones;
constexpr double kBoneOffset[kBones][3] = {{0.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.8, 0.1}};

// R = Rz(rz) Ry(ry) Rx(rx)
inline Mat3 euler_to_rotation(double rx, double ry, double rz) {
  const double cx = std::cos(rx), sx = std::sin(rx);
  const double cy = std::cos(ry), sy = std::sin(ry);
  const double cz = std::cos(rz), sz = std::sin(rz);
  const Mat3 Rx = {{1, 0, 0, 0, cx, -sx, 0, sx, cx}};
  const Mat3 Ry = {{cy, 0, sy, 0, 1, 0, -sy, 0, cy}};
  const Mat3 Rz = {{cz, -sz, 0, sz, cz, 0, 0, 0, 1}};
  return Rz * Ry * Rx;
}

inline Mat4 rigid(const Mat3& R, double tx, double ty, double tz) {
  Mat4 T = Mat4::identity();
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) T(r, c) = R(r, c);
  T(0, 3) = tx;
  T(1, 3) = ty;
  T(2, 3) = tz;
  return T;
}

// base_pos[3v..]: vertex v at rest; weights[v * kBones + b]: its skinning weights; targets[3v..]: observed.
GRADC_GRAD_WRT(theta)
double hand_objective(const double* theta, const double* base_pos, const double* weights, const double* targets) {
  Mat4 absolute[kBones];
  Mat4 parent = rigid(euler_to_rotation(theta[0], theta[1], theta[2]), theta[3], theta[4], theta[5]);
  for (int b = 0; b < kBones; ++b) {
    const double* pose = theta + 6 + 3 * b;
    const Mat4 relative =
        rigid(euler_to_rotation(pose[0], pose[1], pose[2]), kBoneOffset[b][0], kBoneOffset[b][1], kBoneOffset[b][2]);
    parent = parent * relative;
    absolute[b] = parent;
  }
  double err = 0.0;
  for (int v = 0; v < kVerts; ++v) {
    const Vec4 p = {{base_pos[3 * v], base_pos[3 * v + 1], base_pos[3 * v + 2], 1.0}};
    Vec4 skinned = {};
    for (int b = 0; b < kBones; ++b) skinned = skinned + weights[v * kBones + b] * (absolute[b] * p);
    for (int k = 0; k < 3; ++k) {
      const double d = skinned(k, 0) - targets[3 * v + k];
      err += d * d;
    }
  }
  return err;
}

}  // namespace hand

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

namespace {

using namespace hand;

Mat3 transpose(const Mat3& a) {
  Mat3 t;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) t(r, c) = a(c, r);
  return t;
}

double frob(const Mat3& a, const Mat3& b) {
  double s = 0.0;
  for (int i = 0; i < 9; ++i) s += a.v[i] * b.v[i];
  return s;
}

// d rx, ry, rz from the adjoint dR of R = Rz Ry Rx.
void euler_pullback(double rx, double ry, double rz, const Mat3& dR, double* d) {
  const double cx = std::cos(rx), sx = std::sin(rx), cy = std::cos(ry), sy = std::sin(ry);
  const double cz = std::cos(rz), sz = std::sin(rz);
  const Mat3 Rx = {{1, 0, 0, 0, cx, -sx, 0, sx, cx}}, Ry = {{cy, 0, sy, 0, 1, 0, -sy, 0, cy}},
             Rz = {{cz, -sz, 0, sz, cz, 0, 0, 0, 1}};
  const Mat3 dRx_drx = {{0, 0, 0, 0, -sx, -cx, 0, cx, -sx}}, dRy_dry = {{-sy, 0, cy, 0, 0, 0, -cy, 0, -sy}},
             dRz_drz = {{-sz, -cz, 0, cz, -sz, 0, 0, 0, 0}};
  d[0] += frob(transpose(Rz * Ry) * dR, dRx_drx);         // dRx = (Rz Ry)^T dR
  d[1] += frob(transpose(Rz) * dR * transpose(Rx), dRy_dry);  // dRy = Rz^T dR Rx^T
  d[2] += frob(dR * transpose(Ry * Rx), dRz_drz);          // dRz = dR (Ry Rx)^T
}

Mat3 rotation_block(const Mat4& T) {
  Mat3 R;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) R(r, c) = T(r, c);
  return R;
}

Mat4 transpose4(const Mat4& a) {
  Mat4 t;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) t(r, c) = a(c, r);
  return t;
}

// The adjoint by hand: the chain parent_b = parent_{b-1} rel_b forwards, then
// d absolute_b = sum_v w_vb (2 (skinned_v - target_v)) p_v^T, and backwards
// through the chain: d rel_b = parent_{b-1}^T d P_b, d P_{b-1} += d P_b rel_b^T.
double by_hand(const double* theta, const double* base_pos, const double* weights, const double* targets,
               double* d_theta) {
  Mat4 rel[kBones], P[kBones + 1];
  P[0] = rigid(euler_to_rotation(theta[0], theta[1], theta[2]), theta[3], theta[4], theta[5]);
  for (int b = 0; b < kBones; ++b) {
    rel[b] = rigid(euler_to_rotation(theta[6 + 3 * b], theta[7 + 3 * b], theta[8 + 3 * b]), kBoneOffset[b][0],
                   kBoneOffset[b][1], kBoneOffset[b][2]);
    P[b + 1] = P[b] * rel[b];
  }
  Mat4 dP[kBones + 1] = {};
  double err = 0.0;
  for (int v = 0; v < kVerts; ++v) {
    const Vec4 p = {{base_pos[3 * v], base_pos[3 * v + 1], base_pos[3 * v + 2], 1.0}};
    Vec4 s = {};
    for (int b = 0; b < kBones; ++b) s = s + weights[v * kBones + b] * (P[b + 1] * p);
    for (int k = 0; k < 3; ++k) {
      const double d = s(k, 0) - targets[3 * v + k];
      err += d * d;
      for (int b = 0; b < kBones; ++b)
        for (int c = 0; c < 4; ++c) dP[b + 1](k, c) += weights[v * kBones + b] * 2.0 * d * p(c, 0);
    }
  }
  for (int b = kBones - 1; b >= 0; --b) {
    const Mat4 d_rel = transpose4(P[b]) * dP[b + 1];
    dP[b] = dP[b] + dP[b + 1] * transpose4(rel[b]);
    euler_pullback(theta[6 + 3 * b], theta[7 + 3 * b], theta[8 + 3 * b], rotation_block(d_rel), d_theta + 6 + 3 * b);
  }
  euler_pullback(theta[0], theta[1], theta[2], rotation_block(dP[0]), d_theta);
  for (int k = 0; k < 3; ++k) d_theta[3 + k] += dP[0](k, 3);
  return err;
}

}  // namespace

int main() {
  std::vector<double> theta(kParams), base(3 * kVerts), weights(kVerts * kBones), targets(3 * kVerts);
  for (int q = 0; q < kParams; ++q) theta[q] = 0.4 * std::sin(1.3 * q + 0.2);
  for (int v = 0; v < kVerts; ++v) {
    double total = 0.0;
    for (int b = 0; b < kBones; ++b) total += weights[v * kBones + b] = 1.0 + std::cos(v + 2.0 * b) ;
    for (int b = 0; b < kBones; ++b) weights[v * kBones + b] /= total;
    for (int k = 0; k < 3; ++k) {
      base[3 * v + k] = 0.3 * std::sin(0.7 * v + k) + (k == 1 ? 0.4 * v : 0.0);
      targets[3 * v + k] = base[3 * v + k] + 0.1 * std::cos(1.1 * v + k);
    }
  }
  std::vector<double> d_theta(kParams, 0.0), h_theta(kParams, 0.0);
  const long before = ode_alloc::Count();
  const double value = hand::hand_objective_grad(theta.data(), base.data(), weights.data(), targets.data(),
                                                 d_theta.data());
  const long allocations = ode_alloc::Count() - before;
  const double handv = by_hand(theta.data(), base.data(), weights.data(), targets.data(), h_theta.data());
  auto f = [&] { return hand::hand_objective(theta.data(), base.data(), weights.data(), targets.data()); };
  const double vs_fd = worstRelativeError(theta, d_theta, f);
  double vs_hand = 0.0;
  for (int q = 0; q < kParams; ++q)
    vs_hand = std::fmax(vs_hand, std::fabs(d_theta[q] - h_theta[q]) / std::fmax(1.0, std::fabs(h_theta[q])));
  std::printf("hand_array: value %.12f (hand-written %.12f), vs hand-written %.1e, vs central differences %.1e, "
              "%ld allocations\n", value, handv, vs_hand, vs_fd, allocations);
  return !(std::fabs(value - handv) <= 1e-12 * std::fmax(1.0, value)) || !(vs_hand < 1e-12) || !(vs_fd < 1e-7) ||
         allocations != 0;
}
#endif
