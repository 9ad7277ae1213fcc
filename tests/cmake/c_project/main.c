/* Trains the model by SGD with gradc's gradient, after checking that
   gradient against central differences. */
#include "model.grad.h"

#include <math.h>
#include <stdio.h>

enum { POINTS = 6 };

static const float xs[POINTS][FEATURES] = {{1.0f, 0.5f, -0.2f}, {0.8f, 1.1f, 0.3f},  {1.4f, 0.2f, 0.1f},
                                           {-0.9f, -0.4f, 0.6f}, {-1.2f, 0.3f, -0.1f}, {-0.5f, -1.0f, 0.2f}};
static const int labels[POINTS] = {1, 1, 1, 0, 0, 0};

static float total(const struct logreg* m) {
  float sum = 0.0f;
  for (int k = 0; k < POINTS; ++k) sum += logreg_loss(m, xs[k], labels[k]);
  return sum;
}

int main(void) {
  struct logreg m = {{0.1f, -0.2f, 0.05f}, 0.0f};
  int ok = 1;
  /* the gradient at one point against central differences */
  struct logreg d = {{0.0f, 0.0f, 0.0f}, 0.0f};
  logreg_loss_grad(&m, xs[0], labels[0], &d);
  for (int i = 0; i <= FEATURES; ++i) {
    float* p = i < FEATURES ? &m.w[i] : &m.b;
    const float g = i < FEATURES ? d.w[i] : d.b, keep = *p, h = 1e-2f;
    *p = keep + h;
    const double up = (double)logreg_loss(&m, xs[0], labels[0]);
    *p = keep - h;
    const double down = (double)logreg_loss(&m, xs[0], labels[0]);
    *p = keep;
    const double fd = (up - down) / (2.0 * (double)h);
    printf("d/dp%d %+.6f vs %+.6f\n", i, (double)g, fd);
    ok = ok && fabs((double)g - fd) < 1e-3;
  }
  const float before = total(&m);
  for (int epoch = 0; epoch < 50; ++epoch)
    for (int k = 0; k < POINTS; ++k) {
      struct logreg g = {{0.0f, 0.0f, 0.0f}, 0.0f};
      logreg_loss_grad(&m, xs[k], labels[k], &g);
      for (int i = 0; i < FEATURES; ++i) m.w[i] -= 0.5f * g.w[i];
      m.b -= 0.5f * g.b;
    }
  const float after = total(&m);
  printf("loss %.4f -> %.4f\n", (double)before, (double)after);
  ok = ok && after < 0.5f * before;
  printf(ok ? "fit: ok\n" : "fit: FAILED\n");
  return ok ? 0 : 1;
}
