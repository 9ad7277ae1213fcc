// The models of models.hpp, as plain loops, marked for gradc. gradc reads this
// file and writes models.grad.hpp: embedded::mlp_loss_grad(..., d_W1, d_b1,
// d_W2, d_b2) etc., returning the loss and accumulating into the adjoints.
// handwritten.hpp has the same gradients written by hand.
#include "models.hpp"

#include <gradc/gradc.h>
#include <gradc/portable_math.h>

namespace embedded {

GRADC_GRAD_WRT(W1, b1, W2, b2)
float mlp_loss(const float* W1, const float* b1, const float* W2, const float* b2, const float* x,
               int label) {
  float h[kHidden];
  for (int j = 0; j < kHidden; ++j) {
    float a = b1[j];
    for (int i = 0; i < kIn; ++i) a += W1[j * kIn + i] * x[i];
    h[j] = gradc_tanhf(a);
  }
  float z[kClasses];
  for (int k = 0; k < kClasses; ++k) {
    float s = b2[k];
    for (int j = 0; j < kHidden; ++j) s += W2[k * kHidden + j] * h[j];
    z[k] = s;
  }
  // log-sum-exp shifted by the largest logit, so exp cannot overflow
  float zmax = z[0];
  for (int k = 1; k < kClasses; ++k) zmax = z[k] > zmax ? z[k] : zmax;
  float sum = 0.0f;
  for (int k = 0; k < kClasses; ++k) sum += gradc_expf(z[k] - zmax);
  return gradc_logf(sum) + zmax - z[label];
}

GRADC_GRAD_WRT(w, b)
float logreg_loss(const float* w, float b, const float* X, const float* y, float lambda) {
  float total = 0.0f;
  for (int n = 0; n < kSamples; ++n) {
    float margin = b;
    for (int j = 0; j < kFeatures; ++j) margin += w[j] * X[n * kFeatures + j];
    // softplus(u) = log(1 + e^u) = max(u, 0) + log(1 + e^-|u|), which cannot overflow
    const float u = -y[n] * margin;
    const float e = gradc_expf(u > 0.0f ? -u : u);
    total += (u > 0.0f ? u : 0.0f) + gradc_log1pf(e);
  }
  float norm2 = 0.0f;
  for (int j = 0; j < kFeatures; ++j) norm2 += w[j] * w[j];
  return total / static_cast<float>(kSamples) + lambda * norm2;
}

GRADC_GRAD_WRT(px, py)
float chain_energy(const float* px, const float* py, float k, float rest, float g) {
  float E = 0.0f;
  for (int i = 0; i < kPoints - 1; ++i) {
    const float dx = px[i + 1] - px[i];
    const float dy = py[i + 1] - py[i];
    const float stretch = gradc_sqrtf(dx * dx + dy * dy) - rest;
    E += 0.5f * k * stretch * stretch;
  }
  for (int i = 0; i < kPoints; ++i) E += g * py[i];
  return E;
}

}  // namespace embedded
