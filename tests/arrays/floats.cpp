// Array corpus: float models. float arrays, locals and literals, the
// f-suffixed math functions, a VJP and a loop with a work buffer.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients against
// five-point finite differences in float, to the looser float bound 1e-3
// (see arraycheck.hpp and run_arrays.sh).
#include <gradc/gradc.h>

#include <cmath>

constexpr int kIn = 4;
constexpr int kOut = 3;

GRADC_GRAD
float dot_f(const float* w, const float* x, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) s += w[i] * x[i];
  return s;
}

// Sigmoid layer and squared error, in float.
GRADC_GRAD_WRT(W, b)
float sigmoid_loss_f(const float* W, const float* b, const float* x, const float* y) {
  float loss = 0.0f;
  for (int i = 0; i < kOut; ++i) {
    float z = b[i];
    for (int j = 0; j < kIn; ++j) z += W[i * kIn + j] * x[j];
    float h = 1.0f / (1.0f + expf(-z));
    float r = h - y[i];
    loss += 0.5f * r * r;
  }
  return loss;
}

// Horner in float with a literal degree: the carried p in an automatic array.
GRADC_GRAD
float horner_f(const float* c, float x) {
  float p = 0.0f;
  for (int i = 0; i < 5; ++i) p = p * x + c[i];
  return p;
}

// A float VJP: h = tanh(W x) with a local array of pre-activations.
GRADC_GRAD
void tanh_layer_f(const float* W, const float* x, float* h) {
  float z[kOut] = {};
  for (int i = 0; i < kOut; ++i)
    for (int j = 0; j < kIn; ++j) z[i] += W[i * kIn + j] * x[j];
  for (int i = 0; i < kOut; ++i) h[i] = std::tanh(z[i]);
}

// A float state carried over a run-time number of steps (work buffer).
GRADC_GRAD_WRT(k, x0)
float decay_f(float k, float x0, int steps) {
  float x = x0;
  for (int t = 0; t < steps; ++t) x = x - 0.05f * k * x * x;
  return x;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

#include <vector>

namespace {
const float kX[kIn] = {0.5f, -1.0f, 0.25f, 0.75f};
const float kY[kOut] = {0.2f, 0.7f, 0.4f};
}  // namespace

int main() {
  using arraycheck::check;
  check<float>("dot_f", {{"w", 8, -2, 2}, {"x", 8, -2, 2}},
      [](const auto& x) { return dot_f(x[0].data(), x[1].data(), 8); },
      [](const auto& x, auto& d) { return dot_f_grad(x[0].data(), x[1].data(), 8, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { dot_f_pullback(x[0].data(), x[1].data(), 8, s, d[0].data(), d[1].data()); });
  check<float>("sigmoid_loss_f", {{"W", kOut * kIn, -1, 1}, {"b", kOut, -1, 1}},
      [](const auto& x) { return sigmoid_loss_f(x[0].data(), x[1].data(), kX, kY); },
      [](const auto& x, auto& d) { return sigmoid_loss_f_grad(x[0].data(), x[1].data(), kX, kY, d[0].data(), d[1].data()); },
      [](const auto& x, auto s, auto& d) { sigmoid_loss_f_pullback(x[0].data(), x[1].data(), kX, kY, s, d[0].data(), d[1].data()); });
  check<float>("horner_f", {{"c", 5, -2, 2}, {"x", 1, -1.25, 1.25}},
      [](const auto& x) { return horner_f(x[0].data(), x[1][0]); },
      [](const auto& x, auto& d) { return horner_f_grad(x[0].data(), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { horner_f_pullback(x[0].data(), x[1][0], s, d[0].data(), &d[1][0]); });
  arraycheck::check_vjp<float>("tanh_layer_f", {{"W", kOut * kIn, -1, 1}, {"x", kIn, -1, 1}}, {{"h", kOut}},
      [](const auto& x, auto& y) { tanh_layer_f(x[0].data(), x[1].data(), y[0].data()); },
      [](const auto& x, auto& y, auto& dx, auto& dy) {
        tanh_layer_f_pullback(x[0].data(), x[1].data(), y[0].data(), dx[0].data(), dx[1].data(), dy[0].data());
      });
  constexpr int kSteps = 20;
  const std::size_t bytes = decay_f_grad_work_bytes(kSteps);
  std::vector<double> work(bytes / sizeof(double) + 1);
  check<float>("decay_f", {{"k", 1, 0.5, 2}, {"x0", 1, 0.25, 1.5}},
      [](const auto& x) { return decay_f(x[0][0], x[1][0], kSteps); },
      [&](const auto& x, auto& d) { return decay_f_grad(x[0][0], x[1][0], kSteps, &d[0][0], &d[1][0], work.data(), bytes); },
      [&](const auto& x, auto s, auto& d) { decay_f_pullback(x[0][0], x[1][0], kSteps, s, &d[0][0], &d[1][0], work.data(), bytes); });
  arraycheck::check_work_buffer<float>("decay_f", {{"k", 1, 0, 0}, {"x0", 1, 0, 0}}, bytes,
      [](void* w, std::size_t n, auto& d) { return decay_f_grad(1.0f, 0.8f, kSteps, &d[0][0], &d[1][0], w, n); });
  return arraycheck::report();
}
#endif
