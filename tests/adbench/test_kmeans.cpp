#include "kmeans.cpp"  // bench/adbench: the objective
#include "kmeans.grad.hpp"
#include "kmeans_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  struct Size { int n, k, d; };
  for (Size s : {Size{1, 1, 1}, Size{10, 3, 2}, Size{50, 5, 4}}) {
    adbench::Kmeans p = adbench::make_kmeans(s.n, s.k, s.d);
    std::vector<double> g(s.k * s.d, 0.0), h(s.k * s.d, 0.0);
    Result r;  // (the nearest centre is kept as an index: no work buffer)
    const long before = gradc_samples::Allocations();
    const double v = adb_kmeans::kmeans_objective_grad(p.points.data(), p.centres.data(), s.n, s.k, s.d, g.data());
    r.allocations = gradc_samples::Allocations() - before;
    adb_kmeans_hand::kmeans_objective_grad(p.points.data(), p.centres.data(), s.n, s.k, s.d, h.data());
    auto f = [&] { return adb_kmeans::kmeans_objective(p.points.data(), p.centres.data(), s.n, s.k, s.d); };
    r.value_err = rel(v, f());
    r.vs_hand = worst(g, h);
    r.vs_fd = worst_fd(p.centres, g, f);
    char what[64];
    std::snprintf(what, sizeof what, "kmeans n=%d k=%d d=%d", s.n, s.k, s.d);
    bad |= report(what, r);
  }
  return bad;
}
