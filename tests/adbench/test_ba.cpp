#include "ba.cpp"  // bench/adbench: the objective
#include "ba.grad.hpp"
#include "ba_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  struct Size { int n, m, p; bool zero_rotation; };
  for (Size s : {Size{1, 1, 1, false}, Size{3, 5, 12, false}, Size{2, 4, 8, true}}) {
    adbench::Ba p = adbench::make_ba(s.n, s.m, s.p);
    if (s.zero_rotation) p.cams[0] = p.cams[1] = p.cams[2] = 0.0;  // Rodrigues' theta = 0 branch
    std::vector<double> gc(p.cams.size()), gx(p.X.size()), gw(p.w.size());
    std::vector<double> hc(p.cams.size()), hx(p.X.size()), hw(p.w.size());
    // (The observations' loop is jointed: one observation's values, no work buffer.)
    Result r;
    const long before = gradc_samples::Allocations();
    const double v = adb_ba::ba_objective_grad(s.n, s.m, s.p, p.cams.data(), p.X.data(), p.w.data(), p.obs.data(),
                                               p.feats.data(), gc.data(), gx.data(), gw.data());
    r.allocations = gradc_samples::Allocations() - before;
    adb_ba_hand::ba_objective_grad(s.n, s.m, s.p, p.cams.data(), p.X.data(), p.w.data(), p.obs.data(),
                                   p.feats.data(), hc.data(), hx.data(), hw.data());
    auto f = [&] {
      return adb_ba::ba_objective(s.n, s.m, s.p, p.cams.data(), p.X.data(), p.w.data(), p.obs.data(),
                                  p.feats.data());
    };
    r.value_err = rel(v, f());
    r.vs_hand = std::fmax(worst(gc, hc), std::fmax(worst(gx, hx), worst(gw, hw)));
    // At rotation 0 the derivative is the first-order Rodrigues one; central
    // differences step off 0 onto the other branch, which agrees to first
    // order, so they stay within tolerance.
    r.vs_fd = std::fmax(worst_fd(p.cams, gc, f), std::fmax(worst_fd(p.X, gx, f), worst_fd(p.w, gw, f)));
    char what[64];
    std::snprintf(what, sizeof what, "ba n=%d m=%d p=%d%s", s.n, s.m, s.p, s.zero_rotation ? " rot=0" : "");
    bad |= report(what, r);
  }
  return bad;
}
