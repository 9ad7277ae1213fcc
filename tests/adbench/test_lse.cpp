#include "lse.cpp"  // bench/adbench: the objective
#include "lse.grad.hpp"
#include "lse_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  for (int n : {1, 2, 7, 100}) {
    adbench::Lse p = adbench::make_lse(n);
    if (n == 7) p.x[3] = p.x[5] = 4.0;  // a tie at the maximum
    std::vector<double> g(n, 0.0), h(n, 0.0);
    Result r;  // (the running max keeps an index: no work buffer)
    const long before = gradc_samples::Allocations();
    const double v = adb_lse::logsumexp_grad(p.x.data(), n, g.data());
    r.allocations = gradc_samples::Allocations() - before;
    adb_lse_hand::logsumexp_grad(p.x.data(), n, h.data());
    r.value_err = rel(v, adb_lse::logsumexp(p.x.data(), n));
    r.vs_hand = worst(g, h);
    r.vs_fd = worst_fd(p.x, g, [&] { return adb_lse::logsumexp(p.x.data(), n); });
    char what[64];
    std::snprintf(what, sizeof what, "lse n=%d", n);
    bad |= report(what, r);
  }
  return bad;
}
