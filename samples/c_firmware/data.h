/* The training set, the same bits on every platform: a 32-bit LCG, and
 * floats made from its bits by exact operations. NET_CLASSES noisy clusters
 * around random prototypes in [-1, 1]^NET_IN; the label is the cluster's
 * index (an int). Filled at start-up into static storage: no heap. */
#ifndef C_FIRMWARE_DATA_H
#define C_FIRMWARE_DATA_H

#include "model.h"

#include <stdint.h>

#define DATA_PER_CLASS 20
#define DATA_EXAMPLES (DATA_PER_CLASS * NET_CLASSES)

struct data_set {
  float x[DATA_EXAMPLES][NET_IN];
  int label[DATA_EXAMPLES];
};

struct rng {
  uint32_t state;
};

/* Uniform in [-1, 1) on a 2^-23 grid: the conversion and the scaling are exact. */
static inline float rng_uniform(struct rng* r) {
  r->state = r->state * 1664525u + 1013904223u; /* Numerical Recipes' LCG */
  return (float)((int32_t)(r->state >> 8) - 0x800000) * (1.0f / 8388608.0f);
}

/* Examples interleaved by class. */
static inline void data_fill(struct data_set* set) {
  struct rng r = {2025u};
  float proto[NET_CLASSES][NET_IN];
  for (int c = 0; c < NET_CLASSES; ++c)
    for (int i = 0; i < NET_IN; ++i) proto[c][i] = rng_uniform(&r);
  for (int e = 0; e < DATA_EXAMPLES; ++e) {
    const int c = e % NET_CLASSES;
    set->label[e] = c;
    for (int i = 0; i < NET_IN; ++i) set->x[e][i] = proto[c][i] + 0.4f * rng_uniform(&r);
  }
}

/* Small random initial weights, zero biases. */
static inline void net_init(struct net* n, uint32_t seed) {
  struct rng r = {seed};
  for (int j = 0; j < NET_HID; ++j) {
    for (int i = 0; i < NET_IN; ++i) n->W1[j][i] = 0.5f * rng_uniform(&r);
    n->b1[j] = 0.0f;
  }
  for (int k = 0; k < NET_CLASSES; ++k) {
    for (int j = 0; j < NET_HID; ++j) n->W2[k][j] = 0.35f * rng_uniform(&r);
    n->b2[k] = 0.0f;
  }
}

#endif
