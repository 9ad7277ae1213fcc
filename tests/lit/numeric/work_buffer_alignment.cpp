// Regressions (issue 24, items 3 and 7a): the work buffer packed its tapes
// back to back, a loop condition's `bool` tape of n bytes first, then a float
// tape at offset n: a misaligned store when n is odd (UBSan; a fault on
// Cortex-M). Tapes now go widest first, and where the element type changes
// the next one starts at an offset rounded up to its alignment (gated: bool
// after float; mixed: double, float, int, bool). Each check gives f_grad a
// heap buffer of exactly f_grad_work_bytes bytes, under ASan and UBSan; one
// byte short, f_grad returns NaN and writes no adjoint.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>
#include <cmath>

GRADC_GRAD float update([[maybe_unused]] float u) { float gate = std::tanh(0.9); return 0.2f * gate; }

// The fuzzer's case: d_lr = 1, the rest 0.
GRADC_GRAD
float gated(float scale, int len, float alpha, float lr) {
  float m = update(alpha);
  for (int i = 0; i < len && lr * lr >= m + scale; ++i)
    for (int k = 0; k < 5; k++) { float out1 = m / m; lr += out1; }
  return lr;
}

// A bool, an int, a float and a double tape.
GRADC_GRAD
float mixed(float x, double y, int n) {
  int k = 1;
  double acc = y;
  for (int i = 0; i < n && x * x < 50.0f; ++i) {
    k = (k * 5 + 3) % 7;
    x = x * 0.9f + std::sin(x) * 0.1f * static_cast<float>(k);
    acc = acc * std::cos(acc) + 0.1 * static_cast<double>(x);
  }
  return x + static_cast<float>(acc);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <cstdlib>

// One byte short: NaN, and the adjoints are still zero.
template <class Call>
bool refusesShort(std::size_t bytes, Call call) {
  void* work = std::malloc(bytes - 1);
  float d[3] = {};
  float r = call(work, bytes - 1, d);
  std::free(work);
  return std::isnan(r) && d[0] == 0 && d[1] == 0 && d[2] == 0;
}

int main() {
  bool ok = true;
  for (int len : {1, 3, 4}) {  // odd counts put a misaligned tape after a bool one
    double p[3] = {0.1, 0.3, 1.2}, g[3];  // scale, alpha, lr
    std::size_t bytes = gated_grad_work_bytes(len);
    auto call = [&](void* work, std::size_t wb, float* d) {
      return gated_grad(float(p[0]), len, float(p[1]), float(p[2]), &d[0], &d[1], &d[2], work, wb);
    };
    float d[3] = {};
    void* work = std::malloc(bytes);
    call(work, bytes, d);
    std::free(work);
    for (int k = 0; k < 3; ++k) g[k] = d[k];
    double err = worstRelativeError(p, g, 3, [&] { return double(gated(float(p[0]), len, float(p[1]), float(p[2]))); }, 1e-2);
    bool refused = refusesShort(bytes, call);
    std::printf("gated len %d: %zu bytes, d = %g %g %g, error %.2e, one byte short %s\n", len, bytes, g[0], g[1], g[2],
                err, refused ? "refused" : "NOT REFUSED");
    ok = ok && err < 1e-4 && refused;
  }
  for (int n : {1, 3, 5}) {
    double p[2] = {0.7, 0.4}, g[2];  // x, y
    std::size_t bytes = mixed_grad_work_bytes(n);
    float dx = 0;
    double dy = 0;
    void* work = std::malloc(bytes);
    mixed_grad(float(p[0]), p[1], n, &dx, &dy, work, bytes);
    std::free(work);
    g[0] = dx;
    g[1] = dy;
    double err = worstRelativeError(p, g, 2, [&] { return double(mixed(float(p[0]), p[1], n)); }, 1e-2);
    work = std::malloc(bytes - 1);
    float dx_short = 0;
    double dy_short = 0;
    float r = mixed_grad(float(p[0]), p[1], n, &dx_short, &dy_short, work, bytes - 1);
    std::free(work);
    bool refused = std::isnan(r) && dx_short == 0 && dy_short == 0;
    std::printf("mixed n %d: %zu bytes, d = %g %g, error %.2e, one byte short %s\n", n, bytes, g[0], g[1], err,
                refused ? "refused" : "NOT REFUSED");
    ok = ok && err < 2e-3 && refused;
  }
  return ok ? 0 : 1;
}
#endif
