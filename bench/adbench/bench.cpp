// The adbench objectives in Google Benchmark: per objective and size, the
// primal, the hand-written gradient and gradc's, named
// <objective>/<size>/<primal|handwritten|gradc>. Counters: work_bytes, the
// buffer the gradient is handed (gradc's f_grad_work_bytes; the hand-written
// gradient's tape for ODE and LSTM). Adjoints are not zeroed between calls
// (both gradients accumulate; a memset would add the same cost to both).
// ADB_ITERATIONS=N runs every benchmark exactly N iterations (for callgrind).
// Built and run by bench/adbench/run.sh.
#include "ba.cpp"
#include "det.cpp"
#include "gmm.cpp"
#include "kmeans.cpp"
#include "llsq.cpp"
#include "lse.cpp"
#include "lstm.cpp"
#include "ode.cpp"

#include "ba.grad.hpp"
#include "det.grad.hpp"
#include "gmm.grad.hpp"
#include "kmeans.grad.hpp"
#include "llsq.grad.hpp"
#include "lse.grad.hpp"
#include "lstm.grad.hpp"
#include "ode.grad.hpp"

#include "ba_hand.hpp"
#include "det_hand.hpp"
#include "gmm_hand.hpp"
#include "kmeans_hand.hpp"
#include "llsq_hand.hpp"
#include "lse_hand.hpp"
#include "lstm_hand.hpp"
#include "ode_hand.hpp"

#include "data.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

namespace {

using benchmark::DoNotOptimize;

// Registers name/primal, name/handwritten, name/gradc. Each maker runs once,
// when its benchmark starts, and returns the per-iteration call.
void add(const std::string& name, const char* kind, std::function<std::function<double()>()> make,
         std::function<std::size_t()> bytes = nullptr) {
  auto* b = benchmark::RegisterBenchmark((name + "/" + kind).c_str(), [make, bytes](benchmark::State& state) {
    std::function<double()> call = make();
    for (auto _ : state) {
      double v = call();
      DoNotOptimize(v);
      benchmark::ClobberMemory();
    }
    if (bytes) state.counters["work_bytes"] = static_cast<double>(bytes());
  });
  b->Unit(benchmark::kMicrosecond);
  if (const char* n = std::getenv("ADB_ITERATIONS")) b->Iterations(std::strtoll(n, nullptr, 10));
}

template <class T>
std::shared_ptr<T> keep(T t) {
  return std::make_shared<T>(std::move(t));
}

void lse(int n) {
  const std::string name = "lse/n" + std::to_string(n);
  auto p = keep(adbench::make_lse(n));
  auto g = keep(std::vector<double>(n));
  add(name, "primal", [=] { return [=] { return adb_lse::logsumexp(p->x.data(), n); }; });
  add(name, "handwritten", [=] { return [=] { return adb_lse_hand::logsumexp_grad(p->x.data(), n, g->data()); }; },
      [] { return std::size_t{0}; });
  add(name, "gradc", [=] {
    return [=] { return adb_lse::logsumexp_grad(p->x.data(), n, g->data()); };
  }, [] { return std::size_t{0}; });
}

void kmeans(int n, int k, int d) {
  const std::string name = "kmeans/n" + std::to_string(n) + "_k" + std::to_string(k) + "_d" + std::to_string(d);
  auto p = keep(adbench::make_kmeans(n, k, d));
  auto g = keep(std::vector<double>(k * d));
  add(name, "primal", [=] {
    return [=] { return adb_kmeans::kmeans_objective(p->points.data(), p->centres.data(), n, k, d); };
  });
  add(name, "handwritten", [=] {
    return [=] {
      return adb_kmeans_hand::kmeans_objective_grad(p->points.data(), p->centres.data(), n, k, d, g->data());
    };
  }, [] { return std::size_t{0}; });
  add(name, "gradc", [=] {
    return [=] {
      return adb_kmeans::kmeans_objective_grad(p->points.data(), p->centres.data(), n, k, d, g->data());
    };
  }, [] { return std::size_t{0}; });
}

void gmm(int d, int k, int n) {
  const std::string name = "gmm/d" + std::to_string(d) + "_k" + std::to_string(k) + "_n" + std::to_string(n);
  auto p = keep(adbench::make_gmm(d, k, n));
  auto ga = keep(std::vector<double>(k)), gm = keep(std::vector<double>(k * d)),
       gi = keep(std::vector<double>(p->icf.size()));
  add(name, "primal", [=] {
    return [=] {
      return adb_gmm::gmm_objective(d, k, n, p->alphas.data(), p->means.data(), p->icf.data(), p->x.data(),
                                    p->gamma, p->m);
    };
  });
  add(name, "handwritten", [=] {
    return [=] {
      return adb_gmm_hand::gmm_objective_grad(d, k, n, p->alphas.data(), p->means.data(), p->icf.data(),
                                              p->x.data(), p->gamma, p->m, ga->data(), gm->data(), gi->data());
    };
  }, [] { return std::size_t{0}; });
  // (qdiags[6400], exp of the log-diagonals, passes the 64 KiB frame limit: the work buffer)
  auto w = keep(adbench::Work(adb_gmm::gmm_objective_grad_work_bytes(d, k, n, p->m)));
  add(name, "gradc", [=] {
    return [=] {
      return adb_gmm::gmm_objective_grad(d, k, n, p->alphas.data(), p->means.data(), p->icf.data(), p->x.data(),
                                         p->gamma, p->m, ga->data(), gm->data(), gi->data(), w->ptr(), w->bytes);
    };
  }, [=] { return w->bytes; });
}

void ba(int n, int m, int np) {
  const std::string name = "ba/n" + std::to_string(n) + "_m" + std::to_string(m) + "_p" + std::to_string(np);
  auto p = keep(adbench::make_ba(n, m, np));
  auto gc = keep(std::vector<double>(p->cams.size())), gx = keep(std::vector<double>(p->X.size())),
       gw = keep(std::vector<double>(p->w.size()));
  add(name, "primal", [=] {
    return [=] {
      return adb_ba::ba_objective(n, m, np, p->cams.data(), p->X.data(), p->w.data(), p->obs.data(),
                                  p->feats.data());
    };
  });
  add(name, "handwritten", [=] {
    return [=] {
      return adb_ba_hand::ba_objective_grad(n, m, np, p->cams.data(), p->X.data(), p->w.data(), p->obs.data(),
                                            p->feats.data(), gc->data(), gx->data(), gw->data());
    };
  }, [] { return std::size_t{0}; });
  add(name, "gradc", [=] {
    return [=] {
      return adb_ba::ba_objective_grad(n, m, np, p->cams.data(), p->X.data(), p->w.data(), p->obs.data(),
                                       p->feats.data(), gc->data(), gx->data(), gw->data());
    };
  }, [] { return std::size_t{0}; });  // jointed: one observation's values, no work buffer
}

void ode(int n, int s) {
  const std::string name = "ode/n" + std::to_string(n) + "_s" + std::to_string(s);
  auto p = keep(adbench::make_ode(n, s));
  auto g = keep(std::vector<double>(n));
  auto ys = keep(std::vector<double>(static_cast<std::size_t>(n) * s));
  auto w = keep(adbench::Work(adb_ode::ode_objective_grad_work_bytes(n, s)));
  add(name, "primal", [=] { return [=] { return adb_ode::ode_objective(p->x.data(), n, s); }; });
  add(name, "handwritten", [=] {
    return [=] { return adb_ode_hand::ode_objective_grad(p->x.data(), n, s, g->data(), ys->data()); };
  }, [=] { return ys->size() * sizeof(double); });
  add(name, "gradc", [=] {
    return [=] { return adb_ode::ode_objective_grad(p->x.data(), n, s, g->data(), w->ptr(), w->bytes); };
  }, [=] { return w->bytes; });
}

template <int N, class Primal, class Grad>
void det(Primal primal, Grad grad, std::size_t bytes) {
  const std::string name = "det/" + std::to_string(N) + "x" + std::to_string(N);
  auto a = keep(adbench::make_matrix(N));
  auto g = keep(std::vector<double>(N * N));
  auto w = keep(adbench::Work(bytes));
  add(name, "primal", [=] { return [=] { return primal(a->data()); }; });
  add(name, "handwritten", [=] {
    return [=] { return adb_det_hand::det_minor_grad<N>(a->data(), 1.0, g->data()); };
  }, [] { return std::size_t{0}; });
  add(name, "gradc", [=] { return [=] { return grad(a->data(), g->data(), w->ptr(), w->bytes); }; },
      [=] { return w->bytes; });
}

void lstm(int l, int c, int b) {
  const std::string name = "lstm/l" + std::to_string(l) + "_c" + std::to_string(c) + "_b" + std::to_string(b);
  auto p = keep(adbench::make_lstm(l, c, b));
  auto gm = keep(std::vector<double>(p->main_params.size())), ge = keep(std::vector<double>(p->extra_params.size()));
  auto tape = keep(std::vector<double>(adb_lstm_hand::lstm_tape_doubles(l, c, b)));
  auto w = keep(adbench::Work(adb_lstm::lstm_objective_grad_work_bytes(l, c, b)));
  add(name, "primal", [=] {
    return [=] {
      return adb_lstm::lstm_objective(l, c, b, p->main_params.data(), p->extra_params.data(), p->state.data(),
                                      p->sequence.data());
    };
  });
  add(name, "handwritten", [=] {
    return [=] {
      return adb_lstm_hand::lstm_objective_grad(l, c, b, p->main_params.data(), p->extra_params.data(),
                                                p->state.data(), p->sequence.data(), gm->data(), ge->data(),
                                                tape->data());
    };
  }, [=] { return tape->size() * sizeof(double); });
  add(name, "gradc", [=] {
    return [=] {
      return adb_lstm::lstm_objective_grad(l, c, b, p->main_params.data(), p->extra_params.data(), p->state.data(),
                                           p->sequence.data(), gm->data(), ge->data(), w->ptr(), w->bytes);
    };
  }, [=] { return w->bytes; });
}

void llsq(int m, int n) {
  const std::string name = "llsq/m" + std::to_string(m) + "_n" + std::to_string(n);
  auto p = keep(adbench::make_llsq(m, n));
  auto g = keep(std::vector<double>(m));
  auto w = keep(adbench::Work(adb_llsq::llsq_objective_grad_work_bytes(m, n)));
  add(name, "primal", [=] { return [=] { return adb_llsq::llsq_objective(p->x.data(), m, n); }; });
  add(name, "handwritten", [=] { return [=] { return adb_llsq_hand::llsq_objective_grad(p->x.data(), m, n, g->data()); }; },
      [] { return std::size_t{0}; });
  add(name, "gradc", [=] {
    return [=] { return adb_llsq::llsq_objective_grad(p->x.data(), m, n, g->data(), w->ptr(), w->bytes); };
  }, [=] { return w->bytes; });
}

}  // namespace

int main(int argc, char** argv) {
  // ADB_SIZES=small: only the small size of each objective (callgrind, quick runs).
  const char* sizes = std::getenv("ADB_SIZES");
  const bool all = !(sizes && std::string(sizes) == "small");
  lse(2500);
  if (all) lse(100000), lse(1300000);
  kmeans(1000, 10, 4);
  if (all) kmeans(10000, 100, 8);
  gmm(2, 5, 1000);
  if (all) gmm(10, 25, 1000), gmm(20, 50, 1000), gmm(64, 100, 1000);
  ba(16, 1000, 4000);
  if (all) ba(49, 7776, 31843);
  ode(16, 100);
  if (all) ode(1000, 100);
  det<7>(adb_det::det7, [](const double* a, double* g, void* w, std::size_t b) { return adb_det::det7_grad(a, g, w, b); },
         adb_det::det7_grad_work_bytes());
  if (all)
    det<9>(adb_det::det9, [](const double* a, double* g, void* w, std::size_t b) { return adb_det::det9_grad(a, g, w, b); },
           adb_det::det9_grad_work_bytes());
  lstm(2, 1024, 14);
  if (all) lstm(4, 1024, 14);
  llsq(16, 1000);
  if (all) llsq(64, 10000);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
