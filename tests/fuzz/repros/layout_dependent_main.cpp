// Checks f18_grad of layout_dependent.cpp (tests/fuzz/FINDINGS.md): d/dz against central differences.
#include SRC
#include HDR
#include <cstdio>
int main() {
  double xs[6] = {-0.194047, -0.663304, -1.225234, -1.986998, -1.910542, 1.736163};
  double x = 0.624871, y = -1.03917, z = 0.408145, w = 1.031413; int len = 6;
  double dx = 0, dz = 0, dw = 0;
  f18_grad(xs, x, y, len, z, w, &dx, &dz, &dw);
  double h = 1e-6;
  double fd = (f18(xs, x, y, len, z + h, w) - f18(xs, x, y, len, z - h, w)) / (2 * h);
  std::printf("gradc %.12f fd %.12f\n", dz, fd);
  return std::fabs(dz - fd) > 1e-6;
}
