// A hand-tracking-style skinning objective (after the ADBench "hand" model of
// Srajer, Schkufza & Fitzgibbon 2018: a kinematic chain of bones posed by
// Euler angles, linear blend skinning, squared distance to observed points),
// written as users write it on a small fixed-size matrix class in the style
// of Eigen's fixed-size types: `template <int R, int C> struct Mat` with
// operator(), * and + returning by value, a static identity(), an array of
// matrices for the bones' transforms.
//   theta[0..2] global rotation, theta[3..5] global translation,
//   theta[6 + 3b ..] bone b's Euler angles; bone b sits at kBoneOffset[b] in its parent.
// The natural form's rejection: the array of matrices for the bones'
// transforms. tests/lit/natural/nat_hand.cpp is the same model with the
// skinning summed inside the bone loop instead, and goes through.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
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
  // CHECK: nat_hand_struct_array.cpp:[[@LINE+1]]:8: error: 'absolute' is an array of structs ('Mat4[3]'), which is not supported yet in a differentiated function; keep one 'Mat4' local per element
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

