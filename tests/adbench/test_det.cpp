#include "det.cpp"  // bench/adbench: the objective
#include "det.grad.hpp"
#include "det_hand.hpp"
#include "check.hpp"

namespace {

template <int N, class Grad, class Primal>
int check(Grad grad, Primal primal) {
  using namespace adbench_test;
  std::vector<double> a = adbench::make_matrix(N), g(N * N, 0.0), h(N * N, 0.0);
  Result r;
  const long before = gradc_samples::Allocations();
  const double v = grad(a.data(), g.data(), r.work_bytes);
  r.allocations = gradc_samples::Allocations() - before;
  adb_det_hand::det_minor_grad<N>(a.data(), 1.0, h.data());
  auto f = [&] { return primal(a.data()); };
  r.value_err = rel(v, f());
  r.vs_hand = worst(g, h);
  r.vs_fd = worst_fd(a, g, f);
  char what[64];
  std::snprintf(what, sizeof what, "det %dx%d", N, N);
  return report(what, r);
}

}  // namespace

int main() {
  int bad = adbench_test::probe();
  bad |= check<4>([](const double* a, double* g, std::size_t& bytes) { bytes = 0; return adb_det::det4_grad(a, g); },
                  adb_det::det4);
  adbench::Work work7(adb_det::det7_grad_work_bytes());
  bad |= check<7>(
      [&](const double* a, double* g, std::size_t& bytes) {
        bytes = work7.bytes;
        return adb_det::det7_grad(a, g, work7.ptr(), work7.bytes);
      },
      adb_det::det7);
  return bad;
}
