// Gaussian mixture model, full covariance: the ADBench objective (Srajer,
// Schkufza, Fitzgibbon 2018, section "GMM"), written from its definition.
//   alphas[k]   mixture weights (log, unnormalized)
//   means[k*d]  component means
//   icf[k*(d + d(d-1)/2)]  per component, the inverse covariance's Cholesky
//               factor Q: d log-diagonal entries, then the strictly lower
//               triangle by columns
//   x[n*d]      data;  wishart prior (gamma, m)
// f = -nd/2 log 2pi + sum_i lse_k(alpha_k + sum(log diag Q_k) - |Q_k (x_i - mu_k)|^2 / 2)
//     - n lse(alpha) + log Wishart prior
// As the ADBench C++ code does, exp of the log-diagonal and its sum are
// computed once per component (scratch arrays of fixed maximum size).
#include <gradc/gradc.h>

#include <cmath>

namespace adb_gmm {

constexpr int kMaxD = 64;
constexpr int kMaxK = 100;

// (ADBench has helpers arr_max(n, v) and logsumexp(n, v); gradc rejects a
// running max whose loop bound is a helper's parameter, so both log-sum-exps
// are written out in gmm_objective.)

inline double sqnorm(int n, const double* v) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}

inline void subtract(int d, const double* a, const double* b, double* out) {
  for (int i = 0; i < d; ++i) out[i] = a[i] - b[i];
}

// out = Q x, Q lower triangular: diagonal qdiag, strictly lower part ltri by columns.
inline void qtimesx(int d, const double* qdiag, const double* ltri, const double* x, double* out) {
  for (int i = 0; i < d; ++i) out[i] = qdiag[i] * x[i];
  // (ADBench runs one counter idx through both loops; gradc rejects that
  // integer carried across the loop, so the column's offset is computed.)
  for (int i = 0; i < d; ++i) {
    const int col = i * (2 * d - i - 1) / 2 - i - 1;  // ltri[col + j]: entry (j, i)
    for (int j = i + 1; j < d; ++j) out[j] += ltri[col + j] * x[i];
  }
}

// log of the multivariate gamma function Gamma_p(n / 2). (Written with the
// integer n: gradc rejects lgamma of a double parameter `a` even when only
// integers reach it; see docs/adbench.md, rejections.)
inline double log_gamma_distrib(int n, int p) {
  double out = 0.25 * p * (p - 1) * std::log(M_PI);
  for (int j = 1; j <= p; ++j) out += std::lgamma(0.5 * n + 0.5 * (1 - j));
  return out;
}

inline double log_wishart_prior(int p, int k, double gamma, int m, const double* sum_qs, const double* qdiags,
                                const double* icf) {
  const int n = p + m + 1;
  const int icf_sz = p * (p + 1) / 2;
  const double C = n * p * (std::log(gamma) - 0.5 * std::log(2.0)) - log_gamma_distrib(n, p);
  double out = 0.0;
  for (int ik = 0; ik < k; ++ik) {
    const double frobenius = sqnorm(p, &qdiags[ik * p]) + sqnorm(icf_sz - p, &icf[ik * icf_sz + p]);
    out += 0.5 * gamma * gamma * frobenius - m * sum_qs[ik];
  }
  return out - k * C;
}

GRADC_GRAD_WRT(alphas, means, icf)
double gmm_objective(int d, int k, int n, const double* alphas, const double* means, const double* icf,
                     const double* x, double wishart_gamma, int wishart_m) {
  const int icf_sz = d * (d + 1) / 2;
  double qdiags[kMaxK * kMaxD];
  double sum_qs[kMaxK];
  for (int ik = 0; ik < k; ++ik) {
    sum_qs[ik] = 0.0;
    for (int id = 0; id < d; ++id) {
      const double q = icf[ik * icf_sz + id];
      sum_qs[ik] += q;
      qdiags[ik * d + id] = std::exp(q);
    }
  }

  // Declared once, before the loops, as ADBench does (each iteration writes
  // them before reading them, so they are the loops' own).
  double xcentered[kMaxD], qxcentered[kMaxD], main_term[kMaxK];
  double slse = 0.0;
  for (int ix = 0; ix < n; ++ix) {
    for (int ik = 0; ik < k; ++ik) {
      subtract(d, &x[ix * d], &means[ik * d], xcentered);
      qtimesx(d, &qdiags[ik * d], &icf[ik * icf_sz + d], xcentered, qxcentered);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, qxcentered);
    }
    // log-sum-exp of main_term
    double mx = main_term[0];
    for (int ik = 1; ik < k; ++ik)
      if (main_term[ik] > mx) mx = main_term[ik];
    double se = 0.0;
    for (int ik = 0; ik < k; ++ik) se += std::exp(main_term[ik] - mx);
    slse += std::log(se) + mx;
  }

  double amax = alphas[0];
  for (int ik = 1; ik < k; ++ik)
    if (alphas[ik] > amax) amax = alphas[ik];
  double asum = 0.0;
  for (int ik = 0; ik < k; ++ik) asum += std::exp(alphas[ik] - amax);
  const double lse_alphas = std::log(asum) + amax;
  const double constant = -n * d * 0.5 * std::log(2 * M_PI);
  return constant + slse - n * lse_alphas + log_wishart_prior(d, k, wishart_gamma, wishart_m, sum_qs, qdiags, icf);
}

}  // namespace adb_gmm
