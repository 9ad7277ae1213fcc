#include "model.h"

#include <gradc/gradc.h>
#include <math.h>

/* The cross-entropy of one point: -log p(label | x). */
GRADC_GRAD_WRT(m)
float logreg_loss(const struct logreg* m, const float* x, int label) {
  float z = m->b;
  for (int i = 0; i < FEATURES; ++i) z += m->w[i] * x[i];
  const float p = 1.0f / (1.0f + expf(-z));
  return label ? -logf(p) : -logf(1.0f - p);
}
