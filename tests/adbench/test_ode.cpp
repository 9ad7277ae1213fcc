#include "ode.cpp"  // bench/adbench: the objective
#include "ode.grad.hpp"
#include "ode_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  struct Size { int n, s; };
  for (Size s : {Size{1, 1}, Size{2, 3}, Size{10, 20}}) {
    adbench::Ode p = adbench::make_ode(s.n, s.s);
    std::vector<double> g(s.n, 0.0), h(s.n, 0.0), ys(s.n * s.s);
    adbench::Work work(adb_ode::ode_objective_grad_work_bytes(s.n, s.s));
    Result r;
    r.work_bytes = work.bytes;
    const long before = gradc_samples::Allocations();
    const double v = adb_ode::ode_objective_grad(p.x.data(), s.n, s.s, g.data(), work.ptr(), work.bytes);
    r.allocations = gradc_samples::Allocations() - before;
    adb_ode_hand::ode_objective_grad(p.x.data(), s.n, s.s, h.data(), ys.data());
    auto f = [&] { return adb_ode::ode_objective(p.x.data(), s.n, s.s); };
    r.value_err = rel(v, f());
    r.vs_hand = worst(g, h);
    r.vs_fd = worst_fd(p.x, g, f);
    char what[64];
    std::snprintf(what, sizeof what, "ode n=%d s=%d", s.n, s.s);
    bad |= report(what, r);
  }
  return bad;
}
