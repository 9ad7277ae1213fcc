// Hand-written gradient of adb_ba::ba_objective (sum of squared residuals)
// w.r.t. cams, X and w: per observation the projection is computed forwards,
// then pulled back with seed 2 err; nothing is kept between observations.
// Rodrigues, theta != 0, with w = rot / theta, c = cos, s = sin:
//   R = X c + (w x X) s + w (w.X)(1 - c)
//   d X = dR c + (dR x w) s + w (1 - c)(w.dR)
//   d c = X.dR - (w.X)(w.dR),  d s = (w x X).dR
//   d w = (X x dR) s + dR (w.X)(1 - c) + X (1 - c)(w.dR)
//   d theta = -s d c + c d s - (d w . w) / theta;  d rot = d w / theta + d theta w
// and theta = 0:  R = X + rot x X,  d X = dR + dR x rot,  d rot = X x dR.
#pragma once
#include <cmath>

namespace adb_ba_hand {

constexpr int kCamParams = 11;

inline void cross(const double* a, const double* b, double* o) {
  o[0] = a[1] * b[2] - a[2] * b[1];
  o[1] = a[2] * b[0] - a[0] * b[2];
  o[2] = a[0] * b[1] - a[1] * b[0];
}

inline double ba_objective_grad(int /*n*/, int /*m*/, int p, const double* cams, const double* X, const double* w,
                                const int* obs, const double* feats, double* d_cams, double* d_X, double* d_w) {
  double sum = 0.0;
  for (int i = 0; i < p; ++i) {
    const double* cam = cams + obs[2 * i] * kCamParams;
    const double* Xp = X + obs[2 * i + 1] * 3;
    double* dcam = d_cams + obs[2 * i] * kCamParams;
    double* dXp = d_X + obs[2 * i + 1] * 3;
    const double* rot = cam;
    double Xo[3] = {Xp[0] - cam[3], Xp[1] - cam[4], Xp[2] - cam[5]};
    // forward
    const double sq = rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2];
    double R[3], wv[3] = {0, 0, 0}, wxX[3] = {0, 0, 0};
    double theta = 0, c = 0, s = 0, wX = 0;
    if (sq != 0.0) {
      theta = std::sqrt(sq);
      c = std::cos(theta);
      s = std::sin(theta);
      for (int k = 0; k < 3; ++k) wv[k] = rot[k] / theta;
      cross(wv, Xo, wxX);
      wX = wv[0] * Xo[0] + wv[1] * Xo[1] + wv[2] * Xo[2];
      for (int k = 0; k < 3; ++k) R[k] = Xo[k] * c + wxX[k] * s + wv[k] * wX * (1.0 - c);
    } else {
      double rxX[3];
      cross(rot, Xo, rxX);
      for (int k = 0; k < 3; ++k) R[k] = Xo[k] + rxX[k];
    }
    const double iz = 1.0 / R[2];
    const double p0 = R[0] * iz, p1 = R[1] * iz;
    const double rsq = p0 * p0 + p1 * p1;
    const double L = 1.0 + cam[9] * rsq + cam[10] * rsq * rsq;
    const double d0 = p0 * L, d1 = p1 * L;
    const double f = cam[6];
    const double r0 = d0 * f + cam[7] - feats[2 * i], r1 = d1 * f + cam[8] - feats[2 * i + 1];
    const double e0 = w[i] * r0, e1 = w[i] * r1;
    sum += e0 * e0 + e1 * e1;
    // reverse, seed 2 e
    const double de0 = 2.0 * e0, de1 = 2.0 * e1;
    d_w[i] += de0 * r0 + de1 * r1;
    const double dq0 = w[i] * de0, dq1 = w[i] * de1;  // d proj
    dcam[6] += dq0 * d0 + dq1 * d1;
    dcam[7] += dq0;
    dcam[8] += dq1;
    const double dd0 = f * dq0, dd1 = f * dq1;
    const double dL = dd0 * p0 + dd1 * p1;
    dcam[9] += dL * rsq;
    dcam[10] += dL * rsq * rsq;
    const double drsq = dL * (cam[9] + 2.0 * cam[10] * rsq);
    const double dp0 = L * dd0 + 2.0 * p0 * drsq, dp1 = L * dd1 + 2.0 * p1 * drsq;
    const double dR[3] = {dp0 * iz, dp1 * iz, -(dp0 * p0 + dp1 * p1) * iz};
    double dXo[3], drot[3];
    if (sq != 0.0) {
      double dRxw[3], Xxd[3];
      cross(dR, wv, dRxw);
      cross(Xo, dR, Xxd);
      const double wdR = wv[0] * dR[0] + wv[1] * dR[1] + wv[2] * dR[2];
      const double dc = (Xo[0] * dR[0] + Xo[1] * dR[1] + Xo[2] * dR[2]) - wX * wdR;
      const double ds = wxX[0] * dR[0] + wxX[1] * dR[1] + wxX[2] * dR[2];
      double dw[3];
      for (int k = 0; k < 3; ++k) {
        dXo[k] = dR[k] * c + dRxw[k] * s + wv[k] * (1.0 - c) * wdR;
        dw[k] = Xxd[k] * s + dR[k] * wX * (1.0 - c) + Xo[k] * (1.0 - c) * wdR;
      }
      const double dtheta = -s * dc + c * ds - (dw[0] * wv[0] + dw[1] * wv[1] + dw[2] * wv[2]) / theta;
      for (int k = 0; k < 3; ++k) drot[k] = dw[k] / theta + dtheta * wv[k];
    } else {
      double dRxr[3];
      cross(dR, rot, dRxr);
      cross(Xo, dR, drot);
      for (int k = 0; k < 3; ++k) dXo[k] = dR[k] + dRxr[k];
    }
    for (int k = 0; k < 3; ++k) {
      dcam[k] += drot[k];
      dcam[3 + k] -= dXo[k];
      dXp[k] += dXo[k];
    }
  }
  for (int i = 0; i < p; ++i) {
    const double werr = 1.0 - w[i] * w[i];
    sum += werr * werr;
    d_w[i] += -4.0 * w[i] * werr;
  }
  return sum;
}

}  // namespace adb_ba_hand
