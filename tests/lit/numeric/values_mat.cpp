// A fixed-size matrix class in the style of Eigen's fixed-size types: member
// operator() for reads and writes, `*` and `+` returning by value, all
// inlined on struct locals (`*this` bound to the local's members). Checked
// against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

template <int R, int C>
struct Mat {
  double a[R * C];
  double& operator()(int r, int c) { return a[r * C + c]; }
  double operator()(int r, int c) const { return a[r * C + c]; }
  Mat operator+(const Mat& o) const {
    Mat s;
    for (int i = 0; i < R * C; ++i) s.a[i] = a[i] + o.a[i];
    return s;
  }
  double trace() const {
    double t = 0;
    for (int i = 0; i < (R < C ? R : C); ++i) t += (*this)(i, i);
    return t;
  }
};

template <int R, int K, int C>
Mat<R, C> operator*(const Mat<R, K>& x, const Mat<K, C>& y) {
  Mat<R, C> z{};
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < C; ++j)
      for (int k = 0; k < K; ++k) z(i, j) += x(i, k) * y(k, j);
  return z;
}

GRADC_GRAD
double skin(const double* u) {
  Mat<2, 3> m{{u[0], u[1], u[2], u[3], u[4], u[5]}};
  Mat<3, 2> n;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) n(i, j) = std::sin(u[i * 2 + j]) + m(j, i);
  Mat<2, 2> p = m * n;
  Mat<2, 2> q = p + p * p;
  q(1, 0) *= u[0];
  return q.trace() + q(1, 0) * p(0, 1);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  double u[6] = {0.3, -1.1, 0.8, 0.2, -0.4, 0.6}, du[6] = {};
  skin_grad(u, du);
  double err = worstRelativeError(u, du, 6, [&] { return skin(u); });
  std::printf("skin: %.3g\n", err);
  return err < 1e-6 ? 0 : 1;
}
#endif
