// Regression (fuzz seed 300007): a loop condition that binds a temporary to a
// const& (`std::min(a[j], -3.0)`) is wrapped in ExprWithCleanups, and the
// counted-loop test did not look through it: "this loop ... is not supported".
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

GRADC_GRAD
double damp(double x, const double* a) {
  for (int j = 0; j <= 4 && std::min(a[4 - j], -3.0) <= a[4]; j += 1) x = x * 0.5 + std::sin(a[j]);
  return x * x;
}

template <class T>
GRADC_GRAD
T damp_t(T x, const T* a) {
  for (int j = 0; j < 5 && std::max(a[j], T(-1.0)) < T(2.0); ++j) x = x * T(0.5) + std::sin(a[j]);
  return x * x;
}
template double damp_t<double>(double, const double*);

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  for (double stop : {-5.0, 0.4, 3.0}) {  // the early stop at j = 2, or none
    std::vector<double> p = {0.7, 0.1, -0.2, stop, 0.3, 0.9}, g(6, 0.0);  // x, a[0..4]
    damp_grad(p[0], p.data() + 1, &g[0], g.data() + 1);
    bad |= !reportGradient("damp", p, g, [&] { return damp(p[0], p.data() + 1); });
    std::vector<double> q = {0.7, 0.1, -0.2, stop, 0.3, 0.9}, h(6, 0.0);
    damp_t_grad(q[0], q.data() + 1, &h[0], h.data() + 1);
    bad |= !reportGradient("damp_t", q, h, [&] { return damp_t(q[0], q.data() + 1); });
  }
  return bad;
}
#endif
