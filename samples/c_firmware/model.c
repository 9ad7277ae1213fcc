/* The model, in C99. gradc reads this file as C (gradc_add_gradient on a .c
 * source) and writes net_loss_grad to gradc/model.grad.h:
 *   float net_loss_grad(const struct net* n, const float* x, int label,
 *                       struct net* restrict d_n);
 * which returns net_loss and adds its gradient to *d_n. The math is
 * gradc/portable_math.h's: with GRADC_PORTABLE_MATH=1 the host and the board
 * compute the same bits. */
#include "model.h"

#include <gradc/gradc.h>
#include <gradc/portable_math.h>

/* Logits z of x. A static helper: gradc inlines it into the gradient. */
static void logits(const struct net* n, const float* x, float* z) {
  float h[NET_HID];
  for (int j = 0; j < NET_HID; ++j) {
    float a = n->b1[j];
    for (int i = 0; i < NET_IN; ++i) a += n->W1[j][i] * x[i];
    h[j] = gradc_tanhf(a);
  }
  for (int k = 0; k < NET_CLASSES; ++k) {
    float s = n->b2[k];
    for (int j = 0; j < NET_HID; ++j) s += n->W2[k][j] * h[j];
    z[k] = s;
  }
}

GRADC_GRAD_WRT(n)
float net_loss(const struct net* n, const float* x, int label) {
  float z[NET_CLASSES];
  logits(n, x, z);
  /* log-sum-exp, shifted by the largest logit so that exp cannot overflow */
  float zmax = z[0];
  for (int k = 1; k < NET_CLASSES; ++k)
    if (z[k] > zmax) zmax = z[k];
  float sum = 0.0f;
  for (int k = 0; k < NET_CLASSES; ++k) sum += gradc_expf(z[k] - zmax);
  return gradc_logf(sum) + zmax - z[label];
}

int net_predict(const struct net* n, const float* x) {
  float z[NET_CLASSES];
  logits(n, x, z);
  int best = 0;
  for (int k = 1; k < NET_CLASSES; ++k)
    if (z[k] > z[best]) best = k;
  return best;
}
