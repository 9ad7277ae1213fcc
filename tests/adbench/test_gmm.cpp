#include "gmm.cpp"  // bench/adbench: the objective
#include "gmm.grad.hpp"
#include "gmm_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  struct Size { int d, k, n; };
  for (Size s : {Size{1, 1, 1}, Size{2, 3, 10}, Size{5, 4, 20}}) {
    adbench::Gmm p = adbench::make_gmm(s.d, s.k, s.n);
    std::vector<double> ga(p.alphas.size()), gm(p.means.size()), gi(p.icf.size());
    std::vector<double> ha(p.alphas.size()), hm(p.means.size()), hi(p.icf.size());
    Result r;  // (the running maxima keep indices; the work buffer holds what passes the 64 KiB frame limit)
    adbench::Work work(adb_gmm::gmm_objective_grad_work_bytes(s.d, s.k, s.n, p.m));
    r.work_bytes = work.bytes;
    const long before = gradc_samples::Allocations();
    const double v = adb_gmm::gmm_objective_grad(s.d, s.k, s.n, p.alphas.data(), p.means.data(), p.icf.data(),
                                                 p.x.data(), p.gamma, p.m, ga.data(), gm.data(), gi.data(),
                                                 work.ptr(), work.bytes);
    r.allocations = gradc_samples::Allocations() - before;
    adb_gmm_hand::gmm_objective_grad(s.d, s.k, s.n, p.alphas.data(), p.means.data(), p.icf.data(), p.x.data(),
                                     p.gamma, p.m, ha.data(), hm.data(), hi.data());
    auto f = [&] {
      return adb_gmm::gmm_objective(s.d, s.k, s.n, p.alphas.data(), p.means.data(), p.icf.data(), p.x.data(),
                                    p.gamma, p.m);
    };
    r.value_err = rel(v, f());
    r.vs_hand = std::fmax(worst(ga, ha), std::fmax(worst(gm, hm), worst(gi, hi)));
    r.vs_fd = std::fmax(worst_fd(p.alphas, ga, f), std::fmax(worst_fd(p.means, gm, f), worst_fd(p.icf, gi, f)));
    char what[64];
    std::snprintf(what, sizeof what, "gmm d=%d k=%d n=%d", s.d, s.k, s.n);
    bad |= report(what, r);
  }
  return bad;
}
