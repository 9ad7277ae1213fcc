// C in, C99 out: a float MLP read through a struct pointer (`n->W1[j][i]`,
// 2-D member arrays), int-labelled data, #define and enum sizes; its
// gradient lands in `struct net* d_n`. Against central differences with gcc
// and clang at -std=c99 -pedantic, and compiled for the Cortex-M4F at
// -Wdouble-promotion -Werror (no float is promoted to double).
// RUN: %gradc %s -o %t.h -- %cflags
// RUN: %c99-run-check %s %t.h -I%S
// RUN: %arm-c99-check %s %t.h -I%S
#include <gradc/gradc.h>
#include <math.h>

#include "Inputs/c99_structs.h"

GRADC_GRAD_WRT(n)
float mlp_loss(const struct net* n, const float* x, const int* label) {
  float h[HID];
  for (int j = 0; j < HID; ++j) {
    float a = n->b1[j];
    for (int i = 0; i < IN; ++i) a += n->W1[j][i] * x[i];
    h[j] = tanhf(a);
  }
  float loss = 0.0f;
  for (int k = 0; k < OUT; ++k) {
    float z = n->b2[k];
    for (int j = 0; j < HID; ++j) z += n->W2[k][j] * h[j];
    float target = label[k] == 1 ? 1.0f : 0.0f;
    float p = 1.0f / (1.0f + expf(-z));
    loss -= target * logf(p) + (1.0f - target) * logf(1.0f - p);
  }
  return loss;
}

#ifdef GRADC_GRAD_HEADER
#include GRADC_GRAD_HEADER
#endif

#ifdef GRADC_CHECK_MAIN
#include "Inputs/c99_check.h"

static struct net net;
static const float x[IN] = {0.5f, -1.2f, 0.8f};
static const int label[OUT] = {1, 0};

static double loss_at(void* ctx) { (void)ctx; return (double)mlp_loss(&net, x, label); }

int main(void) {
  static struct net d;  /* (zeroed) */
  int failed = 0;
  for (int j = 0; j < HID; ++j) {
    net.b1[j] = 0.1f * (float)j - 0.15f;
    for (int i = 0; i < IN; ++i) net.W1[j][i] = 0.3f * (float)((i + 2 * j) % 5) - 0.6f;
  }
  for (int k = 0; k < OUT; ++k) {
    net.b2[k] = 0.2f - 0.3f * (float)k;
    for (int j = 0; j < HID; ++j) net.W2[k][j] = 0.25f * (float)((3 * k + j) % 4) - 0.4f;
  }
  float v = mlp_loss_grad(&net, x, label, &d);
  failed |= v != mlp_loss(&net, x, label);
  failed |= c99_report("W1", c99_error_f(&net.W1[0][0], &d.W1[0][0], HID * IN, loss_at, NULL), 1e-3);
  failed |= c99_report("b1", c99_error_f(net.b1, d.b1, HID, loss_at, NULL), 1e-3);
  failed |= c99_report("W2", c99_error_f(&net.W2[0][0], &d.W2[0][0], OUT * HID, loss_at, NULL), 1e-3);
  failed |= c99_report("b2", c99_error_f(net.b2, d.b2, OUT, loss_at, NULL), 1e-3);
  printf(failed ? "FAILED\n" : "ok\n");
  return failed;
}
#endif
