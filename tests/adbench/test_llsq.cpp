#include "llsq.cpp"  // bench/adbench: the objective
#include "llsq.grad.hpp"
#include "llsq_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  struct Size { int m, n; };
  for (Size s : {Size{1, 2}, Size{4, 9}, Size{16, 101}}) {
    adbench::Llsq p = adbench::make_llsq(s.m, s.n);
    std::vector<double> g(s.m, 0.0), h(s.m, 0.0);
    adbench::Work work(adb_llsq::llsq_objective_grad_work_bytes(s.m, s.n));
    Result r;
    r.work_bytes = work.bytes;
    const long before = gradc_samples::Allocations();
    const double v = adb_llsq::llsq_objective_grad(p.x.data(), s.m, s.n, g.data(), work.ptr(), work.bytes);
    r.allocations = gradc_samples::Allocations() - before;
    adb_llsq_hand::llsq_objective_grad(p.x.data(), s.m, s.n, h.data());
    auto f = [&] { return adb_llsq::llsq_objective(p.x.data(), s.m, s.n); };
    r.value_err = rel(v, f());
    r.vs_hand = worst(g, h);
    r.vs_fd = worst_fd(p.x, g, f);
    char what[64];
    std::snprintf(what, sizeof what, "llsq m=%d n=%d", s.m, s.n);
    bad |= report(what, r);
  }
  return bad;
}
