// Nested checkpointing: a loop of loops under a budget. The inner loop is
// checkpointed within the enclosing one's recomputed iteration, in half of
// its budget; the gradient equals the unbudgeted one bit for bit, matches
// central differences, and the work buffer stays within the budget.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <cmath>

inline double run(double a, double b, int outer, int inner) {
  double x = a, y = b;
  for (int e = 0; e < outer; ++e) {
    for (int k = 0; k < inner; ++k) {
      double dx = y - 0.1 * x * x, dy = -std::sin(x);
      x = x + 0.01 * dx;
      y = y + 0.01 * dy;
    }
    x = 0.9 * x + 0.1 * std::cos(y);
  }
  return x * y;
}
// CHECK-LABEL: inline double nested_grad(
// CHECK: checkpointed: 13 slots of 20 bytes in 512 bytes
// CHECK: for (int e = outer - 1; e >= 0; --e) {
// CHECK: checkpointed: 12 slots of 20 bytes in 256 bytes (half of the enclosing loop's)
// CHECK: for (int k = inner - 1; k >= 0; --k) {
GRADC_GRAD
double nested(double a, double b, int outer, int inner) {
  GRADC_STORAGE_BUDGET(512);
  return run(a, b, outer, inner);
}
GRADC_GRAD
double nested_full(double a, double b, int outer, int inner) { return run(a, b, outer, inner); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"
#include <cstring>
#include <vector>
int main() {
  int bad = 0;
  for (int o : {0, 1, 2, 5, 40}) for (int in : {0, 1, 3, 17, 1000}) {
    std::vector<double> p = {0.4, 0.2}, g(2, 0.0), f(2, 0.0);
    std::size_t b = nested_grad_work_bytes(o, in), fb = nested_full_grad_work_bytes(o, in);
    if (b > 512) { std::printf("over %zu\n", b); bad = 1; }
    std::vector<double> w(b / 8 + 1), fw(fb / 8 + 1);
    double v = nested_grad(p[0], p[1], o, in, &g[0], &g[1], w.data(), b);
    double vf = nested_full_grad(p[0], p[1], o, in, &f[0], &f[1], fw.data(), fb);
    if (v != vf || std::memcmp(g.data(), f.data(), 16)) { std::printf("FAIL o=%d in=%d %g %g vs %g %g\n", o, in, g[0], g[1], f[0], f[1]); bad = 1; }
    bad |= !reportGradient("nested", p, g, [&] { return nested(p[0], p[1], o, in); });
  }
  std::printf(bad ? "FAILED\n" : "ok\n");
  return bad;
}
#endif
