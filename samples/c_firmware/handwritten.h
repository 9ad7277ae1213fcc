/* net_loss's gradient by hand: the backward pass a C programmer writes for
 * this MLP. Same contract as the generated net_loss_grad: returns the loss
 * and adds the gradient to *d. For the checks (check.c). */
#ifndef C_FIRMWARE_HANDWRITTEN_H
#define C_FIRMWARE_HANDWRITTEN_H

#include "model.h"

#include <gradc/portable_math.h>

static inline float net_loss_backprop(const struct net* n, const float* x, int label, struct net* d) {
  float h[NET_HID], z[NET_CLASSES], e[NET_CLASSES];
  for (int j = 0; j < NET_HID; ++j) {
    float a = n->b1[j];
    for (int i = 0; i < NET_IN; ++i) a += n->W1[j][i] * x[i];
    h[j] = gradc_tanhf(a);
  }
  float zmax = 0.0f;
  for (int k = 0; k < NET_CLASSES; ++k) {
    float s = n->b2[k];
    for (int j = 0; j < NET_HID; ++j) s += n->W2[k][j] * h[j];
    z[k] = s;
    if (k == 0 || s > zmax) zmax = s;
  }
  float sum = 0.0f;
  for (int k = 0; k < NET_CLASSES; ++k) {
    e[k] = gradc_expf(z[k] - zmax);
    sum += e[k];
  }
  /* dL/dz = softmax(z) - onehot(label); back through W2, tanh and W1 */
  float dh[NET_HID] = {0.0f};
  for (int k = 0; k < NET_CLASSES; ++k) {
    const float dz = e[k] / sum - (k == label ? 1.0f : 0.0f);
    d->b2[k] += dz;
    for (int j = 0; j < NET_HID; ++j) {
      d->W2[k][j] += dz * h[j];
      dh[j] += dz * n->W2[k][j];
    }
  }
  for (int j = 0; j < NET_HID; ++j) {
    const float da = dh[j] * (1.0f - h[j] * h[j]);
    d->b1[j] += da;
    for (int i = 0; i < NET_IN; ++i) d->W1[j][i] += da * x[i];
  }
  return gradc_logf(sum) + zmax - z[label];
}

#endif
