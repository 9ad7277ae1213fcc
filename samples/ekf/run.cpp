// Tracks a swinging pendulum with the EKF (filter.hpp) twice, with gradc's
// Jacobians and with the hand-written ones, from a wrong initial guess and
// noisy range/bearing measurements. The same source runs on the host and on
// the Cortex-M4F board (ctest ekf.board compares the two outputs).
//
// Checks, on whichever platform runs it (exit status 1 if one fails):
//   - at every step, the generated F and H equal the hand-written ones to
//     float rounding (1e-5 of the largest entry);
//   - the two filters' estimates stay within 1e-4 of each other;
//   - the filter converges: RMS angle error over the second half < 0.05 rad.
#include "filter.hpp"
#include "model.hpp"
#include "print.hpp"  // samples/embedded: bit-exact printing shared by host and board

#include <stdint.h>
#include <stdio.h>

namespace {

using ekf::real;

constexpr int kSteps = 400;
constexpr real kDt = real(0.02);
constexpr int kPrintEvery = 50;

// Reproducible noise without libm: xorshift32 uniforms, summed twelve at a
// time (Irwin-Hall: mean 6, variance 1).
struct Rng {
  uint32_t s;
  real Uniform() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return real(s >> 8) * real(1.0 / 16777216.0);
  }
  real Gaussian() {
    real sum = 0;
    for (int i = 0; i < 12; ++i) sum += Uniform();
    return sum - 6;
  }
};

real Abs(real v) { return v < 0 ? -v : v; }

int failures = 0;

void CheckClose(const char* what, int step, const real* gen, const real* hand, int n, real rel) {
  real scale = 0, err = 0;
  for (int i = 0; i < n; ++i) {
    if (Abs(hand[i]) > scale) scale = Abs(hand[i]);
    const real e = Abs(gen[i] - hand[i]);
    if (!(e <= err)) err = e;  // NaN counts as worst
  }
  if (err <= rel * (scale > 1 ? scale : 1)) return;
  printf("# check %s at step %d: generated vs hand-written differ by %.3g (of %.3g): FAIL\n", what, step,
         static_cast<double>(err), static_cast<double>(scale));
  ++failures;
}

}  // namespace

int main() {
  embedded_print::Banner("ekf");
  const ekf::Noise noise = {{real(1e-6), real(1e-4)}, {real(0.05) * real(0.05), real(0.02) * real(0.02)}};
  real truth[2] = {real(1.2), real(0)};
  ekf::State gen = {{real(0.6), real(0.5)}, {real(0.5), 0, 0, real(0.5)}};
  ekf::State hand = gen;
  Rng rng{12345u};
  real sq_err = 0;
  for (int k = 0; k < kSteps; ++k) {
    real next[2], z[2];
    ekf::pendulum_step(truth, kDt, next);
    truth[0] = next[0];
    truth[1] = next[1];
    ekf::measure(truth, z);
    z[0] += real(0.05) * rng.Gaussian();
    z[1] += real(0.02) * rng.Gaussian();

    ekf::Linearization lin_gen, lin_hand;
    ekf::Predict<ekf::Generated>(gen, kDt, noise, lin_gen);
    ekf::Predict<ekf::Hand>(hand, kDt, noise, lin_hand);
    ekf::Update<ekf::Generated>(gen, z, noise, lin_gen);
    ekf::Update<ekf::Hand>(hand, z, noise, lin_hand);
    CheckClose("F", k, lin_gen.F, lin_hand.F, 4, real(1e-5));
    CheckClose("H", k, lin_gen.H, lin_hand.H, 4, real(1e-5));
    CheckClose("estimate", k, gen.x, hand.x, 2, real(1e-4));

    if (k >= kSteps / 2) sq_err += (gen.x[0] - truth[0]) * (gen.x[0] - truth[0]);
    if ((k + 1) % kPrintEvery == 0) {
      char name[32];
      snprintf(name, sizeof name, "step%d.x", k + 1);
      embedded_print::Array(name, gen.x, 2);
      snprintf(name, sizeof name, "step%d.F", k + 1);
      embedded_print::Array(name, lin_gen.F, 4);
      snprintf(name, sizeof name, "step%d.H", k + 1);
      embedded_print::Array(name, lin_gen.H, 4);
    }
  }
  real rms = 0;  // sqrt without libm: a few Newton steps from 1 are plenty here
  {
    const real mean = sq_err / real(kSteps / 2);
    real r = 1;
    for (int i = 0; i < 30; ++i) r = real(0.5) * (r + mean / r);
    rms = r;
  }
  printf("# RMS angle error over steps %d..%d: %.4g rad\n", kSteps / 2, kSteps, static_cast<double>(rms));
  if (!(rms < real(0.05))) {
    printf("# check convergence: FAIL\n");
    ++failures;
  }
  printf("# %s\n", failures == 0 ? "all checks passed" : "FAILED");
  return failures == 0 ? 0 : 1;
}
