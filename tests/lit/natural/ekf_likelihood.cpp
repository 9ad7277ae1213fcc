// An EKF measurement likelihood as an estimation engineer writes it (issue
// 23's second model): brace-initialized 2x2 matrices, a matmul helper on 2-D
// arrays, a 2-D local filled from a flat parameter. gradc takes it unchanged;
// its gradient matches the closed form (dL/dx = -H' sym(S^-1) y, dL/dP =
// H' dL/dS H) and central differences, and allocates nothing.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

namespace ekf {

void matmul(const double A[2][2], const double B[2][2], double C[2][2]) {
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      C[i][j] = 0.0;
      for (int k = 0; k < 2; ++k) C[i][j] += A[i][k] * B[k][j];
    }
}

void transpose(const double A[2][2], double T[2][2]) {
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) T[i][j] = A[j][i];
}

// CHECK: inline double innovation_nll_grad(const double* x, const double* p, const double* z, double range_noise, double* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_p)
// Negative log-likelihood of a measurement z under the predicted state x with
// covariance P (an EKF's innovation term): 0.5 (y' S^-1 y + log det S).
GRADC_GRAD_WRT(x, p)
double innovation_nll(const double x[2], const double p[4], const double z[2], double range_noise) {
  const double H[2][2] = {{1.0, 0.0}, {0.5, 1.0}};
  const double R[2][2] = {{range_noise, 0.0}, {0.0, 0.01}};
  double P[2][2] = {{p[0], p[1]}, {p[2], p[3]}};
  double Ht[2][2], HP[2][2], S[2][2];
  transpose(H, Ht);
  matmul(H, P, HP);
  matmul(HP, Ht, S);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) S[i][j] += R[i][j];
  const double y0 = z[0] - (H[0][0] * x[0] + H[0][1] * x[1]);
  const double y1 = z[1] - (H[1][0] * x[0] + H[1][1] * x[1]);
  const double det = S[0][0] * S[1][1] - S[0][1] * S[1][0];
  const double quad = (S[1][1] * y0 * y0 - (S[0][1] + S[1][0]) * y0 * y1 + S[0][0] * y1 * y1) / det;
  return 0.5 * (quad + std::log(det));
}

}  // namespace ekf

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

// The closed form: with y = z - H x, S = H P H' + R and M = S^-1,
// dL/dy = 0.5 (M + M') y, dL/dx = -H' dL/dy, dL/dS = 0.5 (M' - M' y y' M'), dL/dP = H' dL/dS H
// (M' y y' M' has entries (M' y)_i (M y)_j: S need not be symmetric).
void by_hand(const double x[2], const double p[4], const double z[2], double noise, double d_x[2], double d_p[4]) {
  const double H[2][2] = {{1.0, 0.0}, {0.5, 1.0}};
  double S[2][2] = {{noise, 0.0}, {0.0, 0.01}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int k = 0; k < 2; ++k)
        for (int l = 0; l < 2; ++l) S[i][j] += H[i][k] * p[2 * k + l] * H[j][l];
  const double det = S[0][0] * S[1][1] - S[0][1] * S[1][0];
  const double M[2][2] = {{S[1][1] / det, -S[0][1] / det}, {-S[1][0] / det, S[0][0] / det}};
  const double y[2] = {z[0] - (H[0][0] * x[0] + H[0][1] * x[1]), z[1] - (H[1][0] * x[0] + H[1][1] * x[1])};
  double dy[2], Mty[2], My[2];
  for (int i = 0; i < 2; ++i) {
    dy[i] = 0.5 * ((M[i][0] + M[0][i]) * y[0] + (M[i][1] + M[1][i]) * y[1]);
    Mty[i] = M[0][i] * y[0] + M[1][i] * y[1];
    My[i] = M[i][0] * y[0] + M[i][1] * y[1];
  }
  for (int j = 0; j < 2; ++j) d_x[j] = -(H[0][j] * dy[0] + H[1][j] * dy[1]);
  double dS[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) dS[i][j] = 0.5 * (M[j][i] - Mty[i] * My[j]);
  for (int k = 0; k < 2; ++k)
    for (int l = 0; l < 2; ++l) {
      d_p[2 * k + l] = 0.0;
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) d_p[2 * k + l] += H[i][k] * dS[i][j] * H[j][l];
    }
}

int main() {
  int bad = 0;
  const double zs[3][2] = {{0.3, -0.2}, {1.5, 0.7}, {-0.4, 2.0}};
  for (const auto& z : zs) {
    std::vector<double> x = {0.2, -0.1}, p = {0.5, 0.1, 0.05, 0.3};
    std::vector<double> d_x(2, 0.0), d_p(4, 0.0), h_x(2), h_p(4);
    const long before = ode_alloc::Count();
    const double value = ekf::innovation_nll_grad(x.data(), p.data(), z, 0.2, d_x.data(), d_p.data());
    const long allocations = ode_alloc::Count() - before;
    by_hand(x.data(), p.data(), z, 0.2, h_x.data(), h_p.data());
    double vs_hand = 0.0;
    for (int k = 0; k < 2; ++k) vs_hand = std::fmax(vs_hand, std::fabs(d_x[k] - h_x[k]) / std::fmax(1.0, std::fabs(h_x[k])));
    for (int k = 0; k < 4; ++k) vs_hand = std::fmax(vs_hand, std::fabs(d_p[k] - h_p[k]) / std::fmax(1.0, std::fabs(h_p[k])));
    auto nll = [&] { return ekf::innovation_nll(x.data(), p.data(), z, 0.2); };
    const double vs_fd = std::fmax(worstRelativeError(x, d_x, nll), worstRelativeError(p, d_p, nll));
    std::printf("z = (%4.1f, %4.1f): nll %.6f, vs closed form %.1e, vs central differences %.1e, %ld allocations\n",
                z[0], z[1], value, vs_hand, vs_fd, allocations);
    bad |= !(value == nll()) || !(vs_hand < 1e-12) || !(vs_fd < 1e-7) || allocations != 0;
  }
  return bad;
}
#endif
