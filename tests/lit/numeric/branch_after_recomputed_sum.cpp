// Regression: the reverse sweep recomputed an inner sum backwards, which can
// round differently and flip a branch the forward pass took (relu at z ~ 0):
// the gradient came out (1, 1, 1) where the function is flat.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD_WRT(w)
double unit(const double* w, const double* x, int n) {
  double h[1] = {};
  for (int i = 0; i < n; ++i) {
    double z = 0.0;
    for (int j = 0; j < 3; ++j) z += w[j] * x[j];
    h[i] = z > 0.0 ? z : 0.0;
  }
  return h[0];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
int main() {
  double w[3] = {1, 1e-16, -1}, x[3] = {1, 1, 1}, d[3] = {};
  double v = unit_grad(w, x, 1, d);
  std::printf("value %g, gradient (%g, %g, %g)\n", v, d[0], d[1], d[2]);
  return v == unit(w, x, 1) && d[0] == 0 && d[1] == 0 && d[2] == 0 ? 0 : 1;
}
#endif
