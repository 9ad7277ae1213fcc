// f_hessian and f_hvp through a local array of structs (one local array per
// member): the forward sweep over f_grad's IR carries the member arrays'
// tangents like any local array's. H equals central differences of f_grad
// and f_hvp equals H v.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

struct Node {
  double p[2];
  double m;
};

static double spring(const Node& a, const Node& b, double k) {
  const double dx = b.p[0] - a.p[0], dy = b.p[1] - a.p[1];
  const double d = std::sqrt(dx * dx + dy * dy) - 1.0;
  return k * a.m * b.m * d * d;
}

GRADC_HESSIAN
double chain(const double q[4], double k) {
  Node nodes[3] = {{{0.0, 0.0}, 1.0}};
  for (int i = 1; i < 3; ++i) {
    nodes[i].p[0] = q[2 * i - 2];
    nodes[i].p[1] = q[2 * i - 1];
    nodes[i].m = 1.0 + 0.1 * i * q[0];
  }
  double e = 0.0;
  for (int i = 0; i < 2; ++i) e += spring(nodes[i], nodes[i + 1], k);
  return e + std::sin(nodes[2].p[1]) * k;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  double q[4] = {0.3, 1.4, 1.2, 0.7}, k = 1.7;
  const int n = chain_hessian_size;
  double H[n * n];
  double value = chain_hessian(q, k, H);
  ok = report("chain_hessian value vs chain", std::fabs(value - chain(q, k)), 0) && ok;
  std::vector<double> Hfd = centralJacobian<double>({&q[0], &q[1], &q[2], &q[3], &k}, n, [&](double* g) {
    for (int i = 0; i < n; ++i) g[i] = 0;
    chain_grad(q, k, g, g + 4);
  });
  ok = report("chain_hessian vs central differences of grad", worstDifference(H, Hfd.data(), n * n), 1e-7) && ok;
  const double v[5] = {0.4, -1.1, 0.6, 0.9, -0.2};
  double hv_q[4], hv_k;
  chain_hvp(q, k, v, v[4], hv_q, &hv_k);
  double hv[5] = {hv_q[0], hv_q[1], hv_q[2], hv_q[3], hv_k};
  std::vector<double> Hv = times(std::vector<double>(H, H + n * n), v, n, n);
  ok = report("chain_hvp vs H v", worstDifference(hv, Hv.data(), n), 1e-12) && ok;
  return ok ? 0 : 1;
}
#endif
