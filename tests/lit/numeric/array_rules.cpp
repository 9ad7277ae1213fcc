// GRADC_PULLBACK_OF for functions taking arrays and integers: the generated
// code calls f in the forward sweep and the user's pullback in the reverse
// sweep, with the arrays as they were at the call (z local to a loop,
// reused across iterations, overwritten in place after the call, or the
// caller's), the seed, and the adjoint arrays. Checked against central
// differences, and against a deliberately scaled rule: the pullback used
// must be the user's.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include "Inputs/array_rules.hpp"

constexpr int kIn = 4, kOut = 3;

// CHECK-LABEL: inline void batch_loss_pullback(
// CHECK: losses::softmax_xent_pullback(z, labels[s], gradc_src::kOut, {{.*}}, d_z);
// Logits in a local array per sample, the loss from the fused rule.
GRADC_GRAD_WRT(W, b)
double batch_loss(const double* W, const double* b, const double* x, const int* labels, int batch) {
  double loss = 0.0;
  for (int s = 0; s < batch; ++s) {
    double z[kOut];
    for (int o = 0; o < kOut; ++o) {
      double acc = b[o];
      for (int i = 0; i < kIn; ++i) acc += W[o * kIn + i] * x[s * kIn + i];
      z[o] = std::tanh(acc);
    }
    loss += losses::softmax_xent(z, labels[s], kOut);
  }
  return loss / batch;
}

// CHECK-LABEL: inline double logits_loss_grad(
// CHECK: losses::softmax_xent_pullback(z, label, 3, {{.*}}, d_z);
// The caller's array and its adjoint parameter, used beside the rule.
GRADC_GRAD
double logits_loss(const double* z, int label) { return 0.5 * losses::softmax_xent(z, label, 3) + z[0] * z[1]; }

// One array for every sample: each iteration overwrites what the previous
// call read, so the reverse sweep puts it back before calling the pullback.
GRADC_GRAD_WRT(W)
double reused(const double* W, const double* x, const int* labels) {
  double z[kOut];
  double loss = 0.0;
  for (int s = 0; s < 3; ++s) {
    for (int o = 0; o < kOut; ++o) z[o] = W[o] * x[s * kOut + o];
    loss += losses::softmax_xent(z, labels[s], kOut);
  }
  return loss;
}

// A recurrence: each iteration's call reads z, then the iteration
// overwrites it; the reverse iteration calls the pullback with the z its
// call read.
GRADC_GRAD_WRT(w)
double recurrent(const double* w, const int* labels) {
  double z[3] = {};
  for (int k = 0; k < 3; ++k) z[k] = 0.1 * (k + 1);
  double loss = 0.0;
  for (int t = 0; t < 4; ++t) {
    loss += losses::softmax_xent(z, labels[t % 3], 3);
    for (int k = 0; k < 3; ++k) z[k] = std::tanh(z[k] * w[k] + w[3]);
  }
  return loss;
}

// Overwritten in place after the first call, outside any loop.
GRADC_GRAD
double rewritten(const double* w) {
  double z[kOut];
  for (int o = 0; o < kOut; ++o) z[o] = w[o] * w[o];
  double a = losses::softmax_xent(z, 0, kOut);
  z[1] = z[1] * 3.0;
  double b = losses::softmax_xent(z, 2, kOut);
  return a + 2.0 * b;
}

// CHECK-LABEL: inline double poly_grad(
// CHECK: losses::powi_pullback(t{{[0-9]*}}, 2, {{.*}}, &d_t{{[0-9]*}});
// CHECK: losses::powi_pullback(x, 3, {{.*}}, d_x);
// A scalar function with an integer parameter.
GRADC_GRAD
double poly(double x) { return losses::powi(x, 3) + losses::powi(x * x, 2); }

// Both arrays differentiated.
GRADC_GRAD
double soft(const double* z, const double* t) { return losses::soft_xent(z, t, kOut); }

// CHECK-LABEL: inline double soft_fixed_grad(
// CHECK: double d_unused0[3] = {};
// CHECK: losses::soft_xent_pullback(z, target, 3, {{.*}}, d_z, d_unused0);
// The targets are constant here: the rule gets a scratch adjoint for them.
GRADC_GRAD
double soft_fixed(const double* z) {
  double target[3] = {};
  target[0] = 0.25;
  target[2] = 0.75;
  return losses::soft_xent(z, target, 3);
}

// CHECK-LABEL: inline double head_loss_grad(
// CHECK: losses::softmax_xent_pullback(z, label, 3, {{.*}}, d_z);
// CHECK: losses::softmax_xent_pullback(h_bias, label, 3, 1.0, d_h_bias);
// A struct member array, and a rule called from an inlined helper.
static double squared_xent(const double* z, int label) {
  double l = losses::softmax_xent(z, label, 3);
  return l * l;
}

GRADC_GRAD
double head_loss(const Head& h, const double* x, int label) {
  double z[3];
  for (int k = 0; k < 3; ++k) z[k] = h.W[k] * x[k];
  return losses::softmax_xent(h.bias, label, 3) + squared_xent(z, label);
}

// Nothing differentiated reaches the call: no pullback call at all.
// CHECK-LABEL: inline double inactive_grad(
// CHECK-NOT: softmax_xent_pullback
// CHECK: return
GRADC_GRAD_WRT(w)
double inactive(double w, const double* z) { return w * w + losses::softmax_xent(z, 1, 3); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

int bad = 0;

double worst(const char* what, std::vector<double>& p, const std::vector<double>& grad,
             const std::function<double()>& f) {
  double err = worstRelativeError(p, grad, f);
  std::printf("%-12s largest relative error vs central differences: %.2e\n", what, err);
  bad |= !(err < 1e-7);
  return err;
}

}  // namespace

int main() {
  std::vector<double> W(kOut * kIn), b(kOut), x(2 * kIn);
  for (size_t i = 0; i < W.size(); ++i) W[i] = 0.3 * std::sin(1.7 * static_cast<double>(i) + 0.2);
  for (size_t i = 0; i < b.size(); ++i) b[i] = 0.1 * static_cast<double>(i) - 0.1;
  for (size_t i = 0; i < x.size(); ++i) x[i] = std::cos(0.9 * static_cast<double>(i));
  const int labels[3] = {2, 0, 1};

  {  // batch_loss: the pullback runs once per sample
    std::vector<double> dW(W.size()), db(b.size());
    losses::xent_pullback_calls() = 0;
    double v = batch_loss_grad(W.data(), b.data(), x.data(), labels, 2, dW.data(), db.data());
    bad |= v != batch_loss(W.data(), b.data(), x.data(), labels, 2);
    std::printf("batch_loss: %d pullback calls for 2 samples\n", losses::xent_pullback_calls());
    bad |= losses::xent_pullback_calls() != 2;
    auto f = [&] { return batch_loss(W.data(), b.data(), x.data(), labels, 2); };
    worst("batch dW", W, dW, f);
    worst("batch db", b, db, f);
  }
  {  // logits_loss, and the same with the rule scaled: only the rule's share changes
    std::vector<double> z = {0.2, -1.1, 0.7}, dz(3), dz2(3);
    logits_loss_grad(z.data(), 1, dz.data());
    auto f = [&] { return logits_loss(z.data(), 1); };
    worst("logits dz", z, dz, f);
    losses::xent_pullback_scale() = 2.0;
    logits_loss_grad(z.data(), 1, dz2.data());
    losses::xent_pullback_scale() = 1.0;
    // d/dz of z0*z1 is (z1, z0, 0); the rest is the rule's, now doubled.
    const double direct[3] = {z[1], z[0], 0.0};
    double err = 0;
    for (int i = 0; i < 3; ++i) err = std::fmax(err, std::fabs((dz2[i] - direct[i]) - 2.0 * (dz[i] - direct[i])));
    std::printf("logits dz with the rule scaled by 2: rule share doubled within %.2e\n", err);
    bad |= !(err < 1e-12) || dz2[0] == dz[0];
  }
  {
    std::vector<double> w(kOut), xs(3 * kOut), dw(kOut);
    for (int i = 0; i < kOut; ++i) w[i] = 0.5 + 0.4 * i;
    for (int i = 0; i < 3 * kOut; ++i) xs[i] = std::sin(1.3 * i + 0.4);
    losses::xent_pullback_calls() = 0;
    reused_grad(w.data(), xs.data(), labels, dw.data());
    bad |= losses::xent_pullback_calls() != 3;
    worst("reused dW", w, dw, [&] { return reused(w.data(), xs.data(), labels); });
  }
  {
    std::vector<double> w = {0.7, -1.2, 0.9, 0.3}, dw(4);
    losses::xent_pullback_calls() = 0;
    recurrent_grad(w.data(), labels, dw.data());
    bad |= losses::xent_pullback_calls() != 4;
    worst("recurrent dw", w, dw, [&] { return recurrent(w.data(), labels); });
  }
  {
    std::vector<double> w = {0.3, -0.8, 1.1}, dw(3);
    rewritten_grad(w.data(), dw.data());
    worst("rewritten dw", w, dw, [&] { return rewritten(w.data()); });
  }
  for (double x0 : {-1.3, 0.4, 2.0}) {
    std::vector<double> p = {x0}, dp(1);
    poly_grad(x0, &dp[0]);
    worst("poly dx", p, dp, [&] { return poly(p[0]); });
  }
  {
    std::vector<double> z = {0.4, -0.3, 1.2}, t = {0.2, 0.5, 0.3}, dz(3), dt(3);
    soft_grad(z.data(), t.data(), dz.data(), dt.data());
    worst("soft dz", z, dz, [&] { return soft(z.data(), t.data()); });
    worst("soft dt", t, dt, [&] { return soft(z.data(), t.data()); });
    std::vector<double> dz2(3);
    soft_fixed_grad(z.data(), dz2.data());
    worst("soft_fixed dz", z, dz2, [&] { return soft_fixed(z.data()); });
  }
  {
    Head h = {{0.3, -0.6, 0.9}, {0.1, 0.4, -0.2}}, dh = {};
    std::vector<double> xs = {1.2, -0.7, 0.5}, dx(3);
    head_loss_grad(h, xs.data(), 2, &dh, dx.data());
    auto f = [&] { return head_loss(h, xs.data(), 2); };
    std::vector<double> w(h.W, h.W + 3), bias(h.bias, h.bias + 3);
    auto fw = [&] {
      std::copy(w.begin(), w.end(), h.W);
      std::copy(bias.begin(), bias.end(), h.bias);
      return f();
    };
    worst("head dW", w, std::vector<double>(dh.W, dh.W + 3), fw);
    worst("head dbias", bias, std::vector<double>(dh.bias, dh.bias + 3), fw);
    worst("head dx", xs, dx, fw);
  }
  {
    const double z[3] = {1, 2, 3};
    double dw = 0;
    losses::xent_pullback_calls() = 0;
    inactive_grad(1.5, z, &dw);
    bad |= dw != 3.0 || losses::xent_pullback_calls() != 0;
  }
  return bad;
}
#endif
