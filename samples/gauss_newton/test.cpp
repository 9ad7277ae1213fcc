// gradc's residual Jacobian and cost Hessian against the hand-written ones and
// central differences; f_hvp = H v; H exactly symmetric; Gauss-Newton and
// Newton fits recover the parameters the data came from; no heap.
#include "model.hpp"

#include "alloc_counter.hpp"  // this program's one translation unit that includes it
#include "solve.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace {

using fit::kParams;
using fit::kSamples;

constexpr double kTrue[kParams] = {1.3, 0.4, 3.1, 0.2};

// Noise-free samples of the model at kTrue (plus `noise` times a fixed pattern).
void Samples(double y[kSamples], double noise = 0.0) {
  const double zero[kSamples] = {};
  fit::residuals(kTrue, zero, y);
  for (int i = 0; i < kSamples; ++i) y[i] += noise * std::sin(7.3 * i);
}

double Worst(const double* a, const double* b, int n) {
  double w = 0;
  for (int i = 0; i < n; ++i) w = std::max(w, std::fabs(a[i] - b[i]) / std::max(1.0, std::fabs(b[i])));
  return w;
}

std::vector<std::array<double, kParams>> Points() {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-0.3, 0.3);
  std::vector<std::array<double, kParams>> out(20);
  for (auto& p : out)
    for (int j = 0; j < kParams; ++j) p[j] = kTrue[j] + u(rng);
  return out;
}

TEST(GaussNewton, JacobianMatchesHandAndCentralDifferences) {
  double y[kSamples];
  Samples(y, 0.05);
  double worst_hand = 0, worst_fd = 0;
  for (auto p : Points()) {
    double r_gen[kSamples], r_hand[kSamples], J_gen[kSamples * kParams], J_hand[kSamples * kParams];
    fit::residuals_jacobian(p.data(), y, r_gen, J_gen);
    fit_hand::ResidualsJacobian(p.data(), y, r_hand, J_hand);
    worst_hand = std::max(worst_hand, Worst(J_gen, J_hand, kSamples * kParams));
    EXPECT_EQ(Worst(r_gen, r_hand, kSamples), 0.0);
    for (int j = 0; j < kParams; ++j) {
      const double h = 1e-6;
      auto plus = p, minus = p;
      plus[j] += h;
      minus[j] -= h;
      double rp[kSamples], rm[kSamples];
      fit::residuals(plus.data(), y, rp);
      fit::residuals(minus.data(), y, rm);
      for (int i = 0; i < kSamples; ++i) {
        const double fd = (rp[i] - rm[i]) / (plus[j] - minus[j]);
        worst_fd = std::max(worst_fd, std::fabs(J_gen[i * kParams + j] - fd) / std::max(1.0, std::fabs(fd)));
      }
    }
  }
  EXPECT_LE(worst_hand, 1e-14);
  EXPECT_LE(worst_fd, 1e-8);
  std::printf("[   gn     ] J: worst vs hand-written %.2e, vs central differences %.2e\n", worst_hand, worst_fd);
}

TEST(GaussNewton, HessianMatchesHandAndCentralDifferencesOfTheGradient) {
  double y[kSamples];
  Samples(y, 0.05);
  double worst_hand = 0, worst_fd = 0, worst_hvp = 0;
  for (auto p : Points()) {
    double H[kParams * kParams], H_hand[kParams * kParams];
    const double value = fit::cost_hessian(p.data(), y, H);
    EXPECT_EQ(value, fit::cost(p.data(), y));
    fit_hand::CostHessian(p.data(), y, H_hand);
    worst_hand = std::max(worst_hand, Worst(H, H_hand, kParams * kParams));
    for (int j = 0; j < kParams; ++j)
      for (int k = 0; k < j; ++k) EXPECT_EQ(H[j * kParams + k], H[k * kParams + j]);  // exactly symmetric
    for (int j = 0; j < kParams; ++j) {
      const double h = 1e-6;
      auto plus = p, minus = p;
      plus[j] += h;
      minus[j] -= h;
      double gp[kParams] = {}, gm[kParams] = {};
      fit::cost_grad(plus.data(), y, gp);
      fit::cost_grad(minus.data(), y, gm);
      for (int i = 0; i < kParams; ++i) {
        const double fd = (gp[i] - gm[i]) / (plus[j] - minus[j]);
        worst_fd = std::max(worst_fd, std::fabs(H[i * kParams + j] - fd) / std::max(1.0, std::fabs(fd)));
      }
    }
    const double v[kParams] = {0.3, -1.1, 0.7, 2.0};
    double hv[kParams], Hv[kParams] = {};
    fit::cost_hvp(p.data(), y, v, hv);
    for (int i = 0; i < kParams; ++i)
      for (int j = 0; j < kParams; ++j) Hv[i] += H_hand[i * kParams + j] * v[j];
    worst_hvp = std::max(worst_hvp, Worst(hv, Hv, kParams));
  }
  EXPECT_LE(worst_hand, 1e-12);
  EXPECT_LE(worst_fd, 1e-6);
  EXPECT_LE(worst_hvp, 1e-12);
  std::printf("[   gn     ] H: worst vs hand-written %.2e, vs central differences of cost_grad %.2e; hvp vs H v %.2e\n",
              worst_hand, worst_fd, worst_hvp);
}

// Gauss-Newton from a guess 0.1-0.3 off in every parameter, Newton (which
// needs a positive definite Hessian on its way) from one 0.05 off: both recover
// kTrue from noise-free data, with either derivative source, in the same
// number of steps.
template <class D, class Step>
int StepsToConverge(Step step, double p[kParams]) {
  double y[kSamples];
  Samples(y);
  for (int it = 1; it <= 30; ++it) {
    step(p, y);
    if (Worst(p, kTrue, kParams) < 1e-10) return it;
  }
  return -1;
}

TEST(GaussNewton, GaussNewtonAndNewtonFitRecoverTheParameters) {
  double p_gn[kParams] = {1.0, 0.6, 2.9, 0.45}, p_gn_hand[kParams];
  double p_nt[kParams] = {1.25, 0.45, 3.05, 0.25}, p_nt_hand[kParams];
  std::copy(p_gn, p_gn + kParams, p_gn_hand);
  std::copy(p_nt, p_nt + kParams, p_nt_hand);
  const int gn = StepsToConverge<fit::Generated>(fit::GaussNewtonStep<fit::Generated>, p_gn);
  const int gn_hand = StepsToConverge<fit::Hand>(fit::GaussNewtonStep<fit::Hand>, p_gn_hand);
  const int nt = StepsToConverge<fit::Generated>(fit::NewtonStep<fit::Generated>, p_nt);
  const int nt_hand = StepsToConverge<fit::Hand>(fit::NewtonStep<fit::Hand>, p_nt_hand);
  EXPECT_GT(gn, 0);
  EXPECT_GT(nt, 0);
  EXPECT_EQ(gn, gn_hand);
  EXPECT_EQ(nt, nt_hand);
  std::printf("[   gn     ] steps to 1e-10: Gauss-Newton %d (hand %d), Newton %d (hand %d)\n", gn, gn_hand, nt, nt_hand);
}

TEST(GaussNewton, NoHeap) {
  double y[kSamples], p[kParams] = {1.0, 0.6, 2.9, 0.45};
  Samples(y);
  const long before = gradc_samples::Allocations();
  fit::GaussNewtonStep<fit::Generated>(p, y);
  fit::NewtonStep<fit::Generated>(p, y);
  EXPECT_EQ(gradc_samples::Allocations() - before, 0);
}

}  // namespace
