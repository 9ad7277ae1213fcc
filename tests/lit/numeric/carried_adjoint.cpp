// Regressions: an adjoint carried across reverse iterations (d_s) was declared
// inside the reverse loop and reset every iteration (silently wrong); a stepped
// loop with no iterations ran one reverse iteration.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>
GRADC_GRAD double ema(double alpha, const double* x, int n) {
  double s = 0.0, loss = 0.0;
  for (int i = 0; i < n; ++i) { s = alpha * s + x[i]; loss += s; }
  return loss; }
GRADC_GRAD void cumsum(const double* x, double* y, int n) { double s = 0; for (int i = 0; i < n; ++i) { s += x[i]; y[i] = s; } }
GRADC_GRAD double stepped(const double* x, int n) { double s = 0; for (int i = 0; i <= n - 2; i += 2) s += x[i] * x[i + 1]; return s; }
#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
int main() {
  double x[2] = {1, 1}, dx[2] = {}, da = 0;
  double work[8];
  ema_grad(0.5, x, 2, &da, dx, work, sizeof work);
  double y[2], dy[2] = {1, 1}, dx2[2] = {};
  cumsum_pullback(x, y, 2, dx2, dy);
  double x3[1] = {2}, d3[2] = {7, 7};
  stepped_grad(x3, 1, d3);
  std::printf("ema d_x = %g %g (want 1.5 1)  cumsum d_x = %g %g (want 2 1)  stepped n=1 d = %g (want 7)\n", dx[0], dx[1], dx2[0], dx2[1], d3[0]);
  return !(dx[0] == 1.5 && dx[1] == 1 && dx2[0] == 2 && dx2[1] == 1 && d3[0] == 7);
}
#endif
