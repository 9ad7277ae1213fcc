// A Gaussian mixture model's log-likelihood with a Wishart prior, as a user
// writes it (the ADBench "GMM" objective of Srajer, Schkufza & Fitzgibbon
// 2018, from its definition): full covariances through log-Cholesky
// parameters (per component the inverse covariance's Cholesky factor Q: d
// log-diagonal entries, then the strictly lower triangle by columns),
// log-sum-exp over the components, scratch arrays declared once, an integer
// counter walking the triangle, and the Wishart parameters in a struct defined
// here, passed by value (the generated header, included after it, names it).
//   f = -nd/2 log 2pi + sum_i lse_k(alpha_k + sum log diag Q_k - |Q_k (x_i - mu_k)|^2 / 2)
//       - n lse(alpha) + log Wishart prior
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>

namespace gmm {

struct Wishart {
  double gamma;
  int m;
};

constexpr int MAX_D = 64;
constexpr int MAX_K = 100;

template <typename T>
T arr_max(int n, const T* x) {
  T m = x[0];
  for (int i = 1; i < n; i++)
    if (m < x[i]) m = x[i];
  return m;
}

template <typename T>
T sqnorm(int n, const T* x) {
  T res = x[0] * x[0];
  for (int i = 1; i < n; i++) res = res + x[i] * x[i];
  return res;
}

template <typename T1, typename T2, typename T3>
void subtract(int d, const T1* x, const T2* y, T3* out) {
  for (int id = 0; id < d; id++) out[id] = x[id] - y[id];
}

template <typename T>
T logsumexp(int n, const T* x) {
  const T mx = arr_max(n, x);
  T semx = 0;
  for (int i = 0; i < n; i++) semx = semx + std::exp(x[i] - mx);
  return std::log(semx) + mx;
}

inline double log_gamma_distrib(double a, int p) {
  double out = 0.25 * p * (p - 1) * std::log(M_PI);
  for (int j = 1; j <= p; j++) out = out + std::lgamma(a + 0.5 * (1 - j));
  return out;
}

template <typename T>
T log_wishart_prior(int p, int k, Wishart wishart, const T* sum_qs, const T* Qdiags, const T* icf) {
  const int n = p + wishart.m + 1;
  const int icf_sz = p * (p + 1) / 2;
  const double C = n * p * (std::log(wishart.gamma) - 0.5 * std::log(2)) - log_gamma_distrib(0.5 * n, p);
  T out = 0;
  for (int ik = 0; ik < k; ik++) {
    const T frobenius = sqnorm(p, &Qdiags[ik * p]) + sqnorm(icf_sz - p, &icf[ik * icf_sz + p]);
    out = out + 0.5 * wishart.gamma * wishart.gamma * frobenius - wishart.m * sum_qs[ik];
  }
  return out - k * C;
}

template <typename T>
void preprocess_qs(int d, int k, const T* icf, T* sum_qs, T* Qdiags) {
  const int icf_sz = d * (d + 1) / 2;
  for (int ik = 0; ik < k; ik++) {
    sum_qs[ik] = 0.;
    for (int id = 0; id < d; id++) {
      const T q = icf[ik * icf_sz + id];
      sum_qs[ik] = sum_qs[ik] + q;
      Qdiags[ik * d + id] = std::exp(q);
    }
  }
}

// out = Q x, Q lower triangular with diagonal Qdiag and strict lower triangle ltri (by columns).
template <typename T1, typename T2>
void Qtimesx(int d, const T1* Qdiag, const T1* ltri, const T2* x, T1* out) {
  for (int id = 0; id < d; id++) out[id] = Qdiag[id] * x[id];
  int Lparamsidx = 0;
  for (int i = 0; i < d; i++)
    for (int j = i + 1; j < d; j++) {
      out[j] = out[j] + ltri[Lparamsidx] * x[i];
      Lparamsidx++;
    }
}

template <typename T>
GRADC_GRAD_WRT(alphas, means, icf)
T gmm_objective(int d, int k, int n, const T* alphas, const T* means, const T* icf, const double* x,
                Wishart wishart) {
  const double CONSTANT = -n * d * 0.5 * std::log(2 * M_PI);
  const int icf_sz = d * (d + 1) / 2;

  T Qdiags[MAX_K * MAX_D];
  T sum_qs[MAX_K];
  T xcentered[MAX_D];
  T Qxcentered[MAX_D];
  T main_term[MAX_K];

  preprocess_qs(d, k, icf, sum_qs, Qdiags);

  T slse = 0.;
  for (int ix = 0; ix < n; ix++) {
    for (int ik = 0; ik < k; ik++) {
      subtract(d, &x[ix * d], &means[ik * d], xcentered);
      Qtimesx(d, &Qdiags[ik * d], &icf[ik * icf_sz + d], xcentered, Qxcentered);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, Qxcentered);
    }
    slse = slse + logsumexp(k, main_term);
  }

  const T lse_alphas = logsumexp(k, alphas);
  return CONSTANT + slse - n * lse_alphas + log_wishart_prior(d, k, wishart, sum_qs, Qdiags, icf);
}

template double gmm_objective<double>(int, int, int, const double*, const double*, const double*, const double*,
                                      Wishart);

}  // namespace gmm

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../bench/adbench/gmm_hand.hpp"
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  const int dk[][2] = {{2, 3}, {4, 5}};
  for (const auto& shape : dk) {
    const int d = shape[0], k = shape[1], n = 7, icf_sz = d * (d + 1) / 2;
    const gmm::Wishart wishart = {1.3, 2};
    std::vector<double> alphas(k), means(k * d), icf(k * icf_sz), x(n * d);
    for (int q = 0; q < k; ++q) alphas[q] = 0.3 * std::sin(1.1 * q);
    for (int q = 0; q < k * d; ++q) means[q] = std::cos(0.7 * q);
    for (int q = 0; q < k * icf_sz; ++q) icf[q] = 0.2 * std::sin(0.9 * q + 0.4);
    for (int q = 0; q < n * d; ++q) x[q] = std::sin(1.3 * q);
    std::vector<double> d_a(k, 0.0), d_m(k * d, 0.0), d_i(k * icf_sz, 0.0);
    std::vector<double> h_a(k, 0.0), h_m(k * d, 0.0), h_i(k * icf_sz, 0.0);
    // (the triangle's counter and the log-sum-exps' running maxima are kept per iteration: a work buffer)
    const std::size_t bytes = gmm::gmm_objective_grad_work_bytes<double>(d, k, n);
    std::vector<double> work(bytes / sizeof(double) + 1);
    const long before = ode_alloc::Count();
    const double value = gmm::gmm_objective_grad(d, k, n, alphas.data(), means.data(), icf.data(), x.data(),
                                                 wishart, d_a.data(), d_m.data(), d_i.data(), work.data(), bytes);
    const long allocations = ode_alloc::Count() - before;
    const double hand = adb_gmm_hand::gmm_objective_grad(d, k, n, alphas.data(), means.data(), icf.data(), x.data(),
                                                         wishart.gamma, wishart.m, h_a.data(), h_m.data(), h_i.data());
    auto f = [&] {
      return gmm::gmm_objective(d, k, n, alphas.data(), means.data(), icf.data(), x.data(), wishart);
    };
    const double vs_fd = std::fmax(worstRelativeError(alphas, d_a, f),
                                   std::fmax(worstRelativeError(means, d_m, f), worstRelativeError(icf, d_i, f)));
    double vs_hand = 0.0;
    auto cmp = [&](const std::vector<double>& a, const std::vector<double>& b) {
      for (std::size_t q = 0; q < a.size(); ++q)
        vs_hand = std::fmax(vs_hand, std::fabs(a[q] - b[q]) / std::fmax(1.0, std::fabs(b[q])));
    };
    cmp(d_a, h_a);
    cmp(d_m, h_m);
    cmp(d_i, h_i);
    std::printf("gmm d %d k %d: value %.9f (hand %.9f), vs hand-written %.1e, vs central differences %.1e, "
                "%ld allocations\n", d, k, value, hand, vs_hand, vs_fd, allocations);
    bad |= !(std::fabs(value - f()) <= 1e-12 * std::fabs(value)) || !(std::fabs(value - hand) <= 1e-10 * std::fabs(value)) ||
           !(vs_hand < 1e-11) || !(vs_fd < 1e-6) || allocations != 0;
  }
  return bad;
}
#endif
