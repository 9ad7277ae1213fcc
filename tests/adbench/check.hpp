// What every adbench test shares: gradc's gradient against the hand-written
// one (<= 1e-10) and against central differences (<= 1e-6), both as
// gradc::check_component's error |g - r| / max(1, |r|), worst component; the
// value f_grad returns against the primal; and no heap allocation inside
// f_grad. Include in exactly one translation unit (it replaces operator new).
#pragma once
#include "alloc_counter.hpp"  // samples/common
#include "data.hpp"           // bench/adbench

#include <gradc/check.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace adbench_test {

constexpr double kVsHand = 1e-10;
constexpr double kVsFd = 1e-6;

inline double worst(const std::vector<double>& generated, const std::vector<double>& reference) {
  gradc::GradCheck r;
  for (std::size_t i = 0; i < generated.size(); ++i) gradc::check_component(r, "x", i, generated[i], reference[i]);
  return r.error;
}

// Worst error of grad against central differences of f() in every component of x.
template <class F>
double worst_fd(std::vector<double>& x, const std::vector<double>& grad, F f) {
  gradc::GradCheck r;
  for (std::size_t i = 0; i < x.size(); ++i) gradc::check_component(r, "x", i, grad[i], gradc::central_difference(x[i], f));
  return r.error;
}

struct Result {
  double value_err = 0, vs_hand = 0, vs_fd = 0;
  long allocations = 0;
  std::size_t work_bytes = 0;
};

// Prints one line and returns 1 if any check fails.
inline int report(const char* what, const Result& r) {
  const bool ok = r.value_err <= 1e-12 && r.vs_hand <= kVsHand && r.vs_fd <= kVsFd && r.allocations == 0;
  std::printf("%-28s value %.1e  vs hand-written %.1e  vs central differences %.1e  %ld allocations  "
              "%zu work bytes  %s\n",
              what, r.value_err, r.vs_hand, r.vs_fd, r.allocations, r.work_bytes, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}

inline double rel(double a, double b) { return std::fabs(a - b) / std::fmax(1.0, std::fabs(b)); }

// The counter itself must see a new and a malloc, or a zero proves nothing.
inline int probe() {
  const auto p = gradc_samples::ProbeCounter();
  if (p.afterNew != 1 || (gradc_samples::kCountsMalloc && p.afterMalloc != 2)) {
    std::printf("allocation counter does not count (%ld, %ld)\n", p.afterNew, p.afterMalloc);
    return 1;
  }
  return 0;
}

}  // namespace adbench_test
