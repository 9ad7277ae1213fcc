#include "lstm.cpp"  // bench/adbench: the objective
#include "lstm.grad.hpp"
#include "lstm_hand.hpp"
#include "check.hpp"

int main() {
  using namespace adbench_test;
  int bad = probe();
  struct Size { int l, c, b; };
  for (Size s : {Size{1, 2, 1}, Size{2, 4, 3}, Size{2, 10, 5}}) {
    adbench::Lstm p = adbench::make_lstm(s.l, s.c, s.b);
    std::vector<double> gm(p.main_params.size()), ge(p.extra_params.size());
    std::vector<double> hm(p.main_params.size()), he(p.extra_params.size());
    std::vector<double> tape(adb_lstm_hand::lstm_tape_doubles(s.l, s.c, s.b));
    adbench::Work work(adb_lstm::lstm_objective_grad_work_bytes(s.l, s.c, s.b));
    Result r;
    r.work_bytes = work.bytes;
    const long before = gradc_samples::Allocations();
    const double v = adb_lstm::lstm_objective_grad(s.l, s.c, s.b, p.main_params.data(), p.extra_params.data(),
                                                   p.state.data(), p.sequence.data(), gm.data(), ge.data(),
                                                   work.ptr(), work.bytes);
    r.allocations = gradc_samples::Allocations() - before;
    adb_lstm_hand::lstm_objective_grad(s.l, s.c, s.b, p.main_params.data(), p.extra_params.data(), p.state.data(),
                                       p.sequence.data(), hm.data(), he.data(), tape.data());
    auto f = [&] {
      return adb_lstm::lstm_objective(s.l, s.c, s.b, p.main_params.data(), p.extra_params.data(), p.state.data(),
                                      p.sequence.data());
    };
    r.value_err = rel(v, f());
    r.vs_hand = std::fmax(worst(gm, hm), worst(ge, he));
    r.vs_fd = std::fmax(worst_fd(p.main_params, gm, f), worst_fd(p.extra_params, ge, f));
    char what[64];
    std::snprintf(what, sizeof what, "lstm l=%d c=%d b=%d", s.l, s.c, s.b);
    bad |= report(what, r);
  }
  return bad;
}
