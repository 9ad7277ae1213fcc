// Hand-written float backward passes for the models of models.cpp, the way one
// writes them for a microcontroller: keep the forward activations, apply the
// textbook equations. Same calling convention as the generated *_grad: the
// primal arguments, then the adjoints; returns the value and ACCUMULATES into
// the adjoints (the caller zeroes them). Same math calls, so the same
// GRADC_PORTABLE_MATH choice applies.
#ifndef GRADC_SAMPLES_EMBEDDED_HANDWRITTEN_HPP
#define GRADC_SAMPLES_EMBEDDED_HANDWRITTEN_HPP

#include "models.hpp"

#include <gradc/portable_math.h>

namespace embedded_hand {

using namespace embedded;

//   h = tanh(W1 x + b1), z = W2 h + b2, p = softmax(z), L = -log p[label]
//   dz = p - onehot(label);  dW2 = dz hT, db2 = dz
//   da = (W2T dz) * (1 - h^2); dW1 = da xT, db1 = da
inline float mlp_loss_grad(const float* W1, const float* b1, const float* W2, const float* b2,
                           const float* x, int label, float* d_W1, float* d_b1, float* d_W2,
                           float* d_b2) {
  float h[kHidden];
  for (int j = 0; j < kHidden; ++j) {
    float a = b1[j];
    for (int i = 0; i < kIn; ++i) a += W1[j * kIn + i] * x[i];
    h[j] = gradc_tanhf(a);
  }
  float z[kClasses];
  float zmax = 0.0f;
  for (int k = 0; k < kClasses; ++k) {
    float s = b2[k];
    for (int j = 0; j < kHidden; ++j) s += W2[k * kHidden + j] * h[j];
    z[k] = s;
    if (k == 0 || s > zmax) zmax = s;
  }
  float p[kClasses];
  float sum = 0.0f;
  for (int k = 0; k < kClasses; ++k) {
    p[k] = gradc_expf(z[k] - zmax);
    sum += p[k];
  }
  const float loss = gradc_logf(sum) + zmax - z[label];

  float dh[kHidden] = {};
  for (int k = 0; k < kClasses; ++k) {
    const float dz = p[k] / sum - (k == label ? 1.0f : 0.0f);
    d_b2[k] += dz;
    for (int j = 0; j < kHidden; ++j) {
      d_W2[k * kHidden + j] += dz * h[j];
      dh[j] += W2[k * kHidden + j] * dz;
    }
  }
  for (int j = 0; j < kHidden; ++j) {
    const float da = dh[j] * (1.0f - h[j] * h[j]);
    d_b1[j] += da;
    for (int i = 0; i < kIn; ++i) d_W1[j * kIn + i] += da * x[i];
  }
  return loss;
}

//   u_n = -y_n (w.x_n + b);  L = mean softplus(u_n) + lambda |w|^2
//   dL/dmargin_n = -y_n sigmoid(u_n) / N;  dw += that * x_n + 2 lambda w;  db += that
inline float logreg_loss_grad(const float* w, float b, const float* X, const float* y,
                              float lambda, float* d_w, float* d_b) {
  constexpr float kInvN = 1.0f / static_cast<float>(kSamples);
  float total = 0.0f;
  for (int n = 0; n < kSamples; ++n) {
    const float* xn = X + n * kFeatures;
    float margin = b;
    for (int j = 0; j < kFeatures; ++j) margin += w[j] * xn[j];
    const float u = -y[n] * margin;
    // softplus(u) and sigmoid(u) from one exponential of -|u|
    const float e = gradc_expf(u > 0.0f ? -u : u);
    total += (u > 0.0f ? u : 0.0f) + gradc_log1pf(e);
    const float sig = u > 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
    const float dmargin = -y[n] * sig * kInvN;
    *d_b += dmargin;
    for (int j = 0; j < kFeatures; ++j) d_w[j] += dmargin * xn[j];
  }
  float norm2 = 0.0f;
  for (int j = 0; j < kFeatures; ++j) {
    norm2 += w[j] * w[j];
    d_w[j] += 2.0f * lambda * w[j];
  }
  return total * kInvN + lambda * norm2;
}

//   E = sum_i k/2 (l_i - rest)^2 + g sum_i y_i,  l_i = |p_i+1 - p_i|
//   dE/dp_i+1 += k (l_i - rest) (p_i+1 - p_i) / l_i,  dE/dp_i -= the same
inline float chain_energy_grad(const float* px, const float* py, float k, float rest, float g,
                               float* d_px, float* d_py) {
  float E = 0.0f;
  for (int i = 0; i < kPoints - 1; ++i) {
    const float dx = px[i + 1] - px[i];
    const float dy = py[i + 1] - py[i];
    const float len = gradc_sqrtf(dx * dx + dy * dy);
    const float stretch = len - rest;
    E += 0.5f * k * stretch * stretch;
    const float f = k * stretch / len;
    d_px[i + 1] += f * dx;
    d_px[i] -= f * dx;
    d_py[i + 1] += f * dy;
    d_py[i] -= f * dy;
  }
  for (int i = 0; i < kPoints; ++i) {
    E += g * py[i];
    d_py[i] += g;
  }
  return E;
}

}  // namespace embedded_hand

#endif  // GRADC_SAMPLES_EMBEDDED_HANDWRITTEN_HPP
