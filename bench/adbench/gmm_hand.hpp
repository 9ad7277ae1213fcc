// Hand-written reverse-mode gradient of adb_gmm::gmm_objective w.r.t. alphas,
// means and icf (accumulated into d_*, like gradc's).
//
// Per point, every component's centred point xc and y = Q xc are kept (2 K d
// doubles on the stack, as ADBench's manual gradient does); the softmax weight
// w_k = exp(main_k - lse_i) then drives, with dy = -w_k y:
//   d alpha_k += w_k            d (sum log diag)_k += w_k
//   d qdiag_kj += dy_j xc_j     d L_k[idx(i,j)] += dy_j xc_i      (j > i)
//   d xc_i = qdiag_i dy_i + sum_{j>i} L[idx(i,j)] dy_j,   d mu_k -= d xc
// and the log-diagonal gets d qdiag * qdiag once per component at the end.
#pragma once
#include <cmath>

namespace adb_gmm_hand {

constexpr int kMaxD = 64;
constexpr int kMaxK = 100;

inline double lse(int n, const double* v) {
  double mx = v[0];
  for (int i = 1; i < n; ++i) mx = v[i] > mx ? v[i] : mx;
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += std::exp(v[i] - mx);
  return std::log(s) + mx;
}

inline double gmm_objective_grad(int d, int k, int n, const double* alphas, const double* means, const double* icf,
                                 const double* x, double gamma, int m, double* d_alphas, double* d_means,
                                 double* d_icf) {
  const int icf_sz = d * (d + 1) / 2;
  double qdiags[kMaxK * kMaxD], sum_qs[kMaxK];
  double d_qdiags[kMaxK * kMaxD], d_sum_qs[kMaxK];
  for (int ik = 0; ik < k; ++ik) {
    double s = 0.0;
    for (int id = 0; id < d; ++id) {
      s += icf[ik * icf_sz + id];
      qdiags[ik * d + id] = std::exp(icf[ik * icf_sz + id]);
      d_qdiags[ik * d + id] = 0.0;
    }
    sum_qs[ik] = s;
    d_sum_qs[ik] = 0.0;
  }

  double xc[kMaxK * kMaxD], qxc[kMaxK * kMaxD], main_term[kMaxK];
  double slse = 0.0;
  for (int ix = 0; ix < n; ++ix) {
    const double* xi = x + ix * d;
    for (int ik = 0; ik < k; ++ik) {
      double* c = xc + ik * d;
      double* y = qxc + ik * d;
      const double* q = qdiags + ik * d;
      const double* L = icf + ik * icf_sz + d;
      for (int i = 0; i < d; ++i) {
        c[i] = xi[i] - means[ik * d + i];
        y[i] = q[i] * c[i];
      }
      int idx = 0;
      for (int i = 0; i < d; ++i)
        for (int j = i + 1; j < d; ++j) y[j] += L[idx++] * c[i];
      double s = 0.0;
      for (int i = 0; i < d; ++i) s += y[i] * y[i];
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * s;
    }
    const double l = lse(k, main_term);
    slse += l;
    // reverse
    for (int ik = 0; ik < k; ++ik) {
      const double w = std::exp(main_term[ik] - l);
      d_alphas[ik] += w;
      d_sum_qs[ik] += w;
      const double* c = xc + ik * d;
      const double* y = qxc + ik * d;
      const double* q = qdiags + ik * d;
      const double* L = icf + ik * icf_sz + d;
      double* dL = d_icf + ik * icf_sz + d;
      double* dq = d_qdiags + ik * d;
      double* dmu = d_means + ik * d;
      int idx = 0;
      for (int i = 0; i < d; ++i) {
        const double dyi = -w * y[i];
        dq[i] += dyi * c[i];
        double dci = q[i] * dyi;
        for (int j = i + 1; j < d; ++j, ++idx) {
          const double dyj = -w * y[j];
          dL[idx] += dyj * c[i];
          dci += L[idx] * dyj;
        }
        dmu[i] -= dci;
      }
    }
  }

  // - n lse(alphas)
  const double lse_alphas = lse(k, alphas);
  for (int ik = 0; ik < k; ++ik) d_alphas[ik] -= n * std::exp(alphas[ik] - lse_alphas);

  // Wishart prior: 0.5 gamma^2 (|qdiag|^2 + |L|^2) - m sum_qs, per component
  const int wn = d + m + 1;
  double lgd = 0.25 * d * (d - 1) * std::log(M_PI);
  for (int j = 1; j <= d; ++j) lgd += std::lgamma(0.5 * wn + 0.5 * (1 - j));
  const double C = wn * d * (std::log(gamma) - 0.5 * std::log(2.0)) - lgd;
  double prior = 0.0;
  const double g2 = gamma * gamma;
  for (int ik = 0; ik < k; ++ik) {
    double frob = 0.0;
    for (int id = 0; id < d; ++id) {
      const double q = qdiags[ik * d + id];
      frob += q * q;
      d_icf[ik * icf_sz + id] += (d_qdiags[ik * d + id] + g2 * q) * q + d_sum_qs[ik] - m;
    }
    for (int j = d; j < icf_sz; ++j) {
      const double v = icf[ik * icf_sz + j];
      frob += v * v;
      d_icf[ik * icf_sz + j] += g2 * v;
    }
    prior += 0.5 * g2 * frob - m * sum_qs[ik];
  }
  prior -= k * C;
  const double constant = -n * d * 0.5 * std::log(2 * M_PI);
  return constant + slse - n * lse_alphas + prior;
}

}  // namespace adb_gmm_hand
