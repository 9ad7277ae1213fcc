// A float least-squares fit of a damped sine, y = a exp(-b t) sin(w t).
#include "model.hpp"

#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD_WRT(p)
float fit_loss(const float p[3], const float* t, const float* y, int n) {
  float loss = 0.0f;
  for (int i = 0; i < n; ++i) {
    float r = p[0] * std::exp(-p[1] * t[i]) * std::sin(p[2] * t[i]) - y[i];
    loss += r * r;
  }
  return 0.5f * loss;
}
