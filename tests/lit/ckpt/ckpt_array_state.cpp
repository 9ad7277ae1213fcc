// Checkpointing loops whose state includes arrays, with inner loops: a
// pendulum with an array state written over each step, an RNN over a long
// sequence (hidden state h[4]), RK4 on an 8-state chain (stage arrays
// declared in the loop; RNN and RK4 up to 10^5 steps), the same RK4 with a
// run-time state count n <= kMaxN (the inner loops' storage bounded by the
// arrays their counters index), arrays read ahead of and behind the step,
// and a value carried through one element. Each budgeted gradient equals
// the unbudgeted one bit for bit, matches central differences (up to 1,000
// steps), and its work buffer stays within the budget whatever the count.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// A pendulum whose state is an array, written over each step.
inline double swing(double x0, double y0, double k, int steps) {
  double s[2] = {x0, y0};
  double e = 0.0;
  for (int t = 0; t < steps; ++t) {
    e = e + s[0] * s[1];
    double v = s[1] - 0.01 * k * std::sin(s[0]);
    s[0] = s[0] + 0.01 * v;
    s[1] = v;
  }
  return e + s[0];
}

// CHECK-LABEL: inline double pendulum_grad(
// CHECK: checkpointed: 8 slots of 28 bytes in 256 bytes
// CHECK: s_kept[kept_top * 2 + [[E:e(_[0-9]+)?]]] = s[[[E]]];
// CHECK: s[[[F:e(_[0-9]+)?]]] = s_kept[kept_top * 2 + [[F]]];
GRADC_GRAD_WRT(x0, y0, k)
double pendulum(double x0, double y0, double k, int steps) {
  GRADC_STORAGE_BUDGET(256);
  return swing(x0, y0, k, steps);
}
GRADC_GRAD_WRT(x0, y0, k)
double pendulum_full(double x0, double y0, double k, int steps) { return swing(x0, y0, k, steps); }

// An RNN over a long sequence: hidden state h[4], inner loops.
constexpr int H = 4;
inline double run_rnn(const double* W, const double* xs, int steps) {
  double h[H] = {};
  double loss = 0.0;
  for (int t = 0; t < steps; ++t) {
    double a[H];
    for (int i = 0; i < H; ++i) {
      double z = W[H * H + i] * xs[t];
      for (int j = 0; j < H; ++j) z += W[i * H + j] * h[j];
      a[i] = std::tanh(z);
    }
    for (int i = 0; i < H; ++i) h[i] = a[i];
    loss += h[0] * h[0];
  }
  return loss;
}
// CHECK-LABEL: inline double rnn_grad(
// CHECK: checkpointed: 19 slots of 44 bytes in 1024 bytes
GRADC_GRAD_WRT(W)
double rnn(const double* W, const double* xs, int steps) {
  GRADC_STORAGE_BUDGET(1024);
  return run_rnn(W, xs, steps);
}
GRADC_GRAD_WRT(W)
double rnn_full(const double* W, const double* xs, int steps) { return run_rnn(W, xs, steps); }

// RK4 on an 8-state chain (GradBench's ode, n fixed): stage arrays in the loop.
constexpr int N = 8;
inline void chain(const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < N; ++i) ydot[i] = x[i] * y[i - 1];
}
inline double integrate(const double* x, int s) {
  const double h = 2.0 / s;
  double y[N];
  for (int i = 0; i < N; ++i) y[i] = 0.0;
  for (int step = 0; step < s; ++step) {
    double k1[N], k2[N], k3[N], k4[N], tmp[N];
    chain(x, y, k1);
    for (int i = 0; i < N; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    chain(x, tmp, k2);
    for (int i = 0; i < N; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    chain(x, tmp, k3);
    for (int i = 0; i < N; ++i) tmp[i] = y[i] + h * k3[i];
    chain(x, tmp, k4);
    for (int i = 0; i < N; ++i) y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  return y[N - 1];
}
// CHECK-LABEL: inline double ode_grad(
// CHECK: checkpointed: 57 slots of 68 bytes in 4096 bytes
GRADC_GRAD_WRT(x)
double ode(const double* x, int s) {
  GRADC_STORAGE_BUDGET(4096);
  return integrate(x, s);
}
GRADC_GRAD_WRT(x)
double ode_full(const double* x, int s) { return integrate(x, s); }

// GradBench's ode as its users write it: n states at run time, up to kMaxN.
constexpr int kMaxN = 64;
inline void chain_n(int n, const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < n; ++i) ydot[i] = x[i] * y[i - 1];
}
inline double integrate_n(const double* x, int n, int s) {
  const double h = 2.0 / s;
  double y[kMaxN];
  for (int i = 0; i < n; ++i) y[i] = 0.0;
  for (int step = 0; step < s; ++step) {
    double k1[kMaxN], k2[kMaxN], k3[kMaxN], k4[kMaxN], tmp[kMaxN];
    chain_n(n, x, y, k1);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    chain_n(n, x, tmp, k2);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    chain_n(n, x, tmp, k3);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + h * k3[i];
    chain_n(n, x, tmp, k4);
    for (int i = 0; i < n; ++i) y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  return y[n - 1];
}
// CHECK-LABEL: inline std::size_t ode_n_grad_work_bytes(int /*n*/, int /*s*/) {
// CHECK-LABEL: inline double ode_n_grad(
// CHECK: checkpointed: 4 slots of 516 bytes in 4096 bytes
GRADC_GRAD_WRT(x)
double ode_n(const double* x, int n, int s) {
  GRADC_STORAGE_BUDGET(4096);
  return integrate_n(x, n, s);
}
GRADC_GRAD_WRT(x)
double ode_n_full(const double* x, int n, int s) { return integrate_n(x, n, s); }

// An array written one element per step (a[k]), each step reading an
// element the loop has not reached yet: after the forward sweep that element
// holds what a later step wrote, so the array is kept state.
inline double sweep_once(const double* x, double c, int n) {
  double a[16];
  for (int i = 0; i < 16; ++i) a[i] = x[i];
  double s = c;
  for (int k = 1; k < n - 1; ++k) {
    a[k] = 0.5 * a[k - 1] + 0.25 * a[k + 1] * s;
    s = std::sin(s + a[k]);
  }
  return s + a[n / 2];
}
// CHECK-LABEL: inline double smooth_grad(
// CHECK: checkpointed: 3 slots of 140 bytes in 512 bytes
// CHECK: a_kept[kept_top * 16 +
GRADC_GRAD_WRT(x, c)
double smooth(const double* x, double c, int n) {
  GRADC_STORAGE_BUDGET(512);
  return sweep_once(x, c, n);
}
GRADC_GRAD_WRT(x, c)
double smooth_full(const double* x, double c, int n) { return sweep_once(x, c, n); }

// Read only behind (a[k - 1], a[k - 2]): an advance writes the same values
// again, and the elements read are never written after the read, so no
// element is saved and only s is kept.
inline double recur_behind(const double* x, double c, int n) {
  double a[16];
  for (int i = 0; i < 16; ++i) a[i] = x[i];
  double s = c;
  for (int k = 2; k < n; ++k) {
    a[k] = 0.5 * a[k - 1] * s + 0.25 * a[k - 2];
    s = std::sin(s + a[k]);
  }
  return s + a[n / 2];
}
// CHECK-LABEL: inline double behind_grad(
// CHECK-NOT: a_kept
// CHECK: checkpointed: 8 slots of 12 bytes in 96 bytes
// CHECK-LABEL: inline double behind_full_grad(
GRADC_GRAD_WRT(x, c)
double behind(const double* x, double c, int n) {
  GRADC_STORAGE_BUDGET(96);
  return recur_behind(x, c, n);
}
GRADC_GRAD_WRT(x, c)
double behind_full(const double* x, double c, int n) { return recur_behind(x, c, n); }

// A value carried from step to step through an array element only.
inline double through_element(double x, double c, int steps) {
  double a[2] = {c, 0.0};
  for (int k = 0; k < steps; ++k) {
    x = x + 0.1 * a[0];
    a[0] = std::cos(x * x);
  }
  return x + a[0];
}
// CHECK-LABEL: inline double carried_grad(
// CHECK: checkpointed: 3 slots of 28 bytes in 112 bytes
GRADC_GRAD
double carried(double x, double c, int steps) {
  GRADC_STORAGE_BUDGET(112);
  return through_element(x, c, steps);
}
GRADC_GRAD
double carried_full(double x, double c, int steps) { return through_element(x, c, steps); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"
#include <cstdio>
#include <cstring>
#include <vector>
static int same(const char* what, int steps, double v, double vf, const std::vector<double>& g, const std::vector<double>& full) {
  if (v == vf && std::memcmp(g.data(), full.data(), sizeof(double) * g.size()) == 0) return 1;
  std::printf("FAIL: %s, %d steps: differs\n", what, steps);
  for (size_t k = 0; k < g.size(); ++k) std::printf("  %zu: %.17g vs %.17g\n", k, g[k], full[k]);
  return 0;
}
int main() {
  int bad = 0;
  for (int steps : {0, 1, 2, 3, 7, 20, 100, 3000}) {
    std::vector<double> p = {0.7, -0.3, 9.0}, g(3, 0.0), full(3, 0.0);
    std::size_t bytes = pendulum_grad_work_bytes(steps);
    if (bytes > 256) std::printf("FAIL pendulum over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(pendulum_full_grad_work_bytes(steps) / 8 + 1);
    double v = pendulum_grad(p[0], p[1], p[2], steps, &g[0], &g[1], &g[2], w.data(), bytes);
    double vf = pendulum_full_grad(p[0], p[1], p[2], steps, &full[0], &full[1], &full[2], fw.data(), fw.size() * 8);
    bad |= !same("pendulum", steps, v, vf, g, full);
    bad |= !reportGradient("pendulum", p, g, [&] { return pendulum(p[0], p[1], p[2], steps); });
  }
  for (int steps : {0, 1, 2, 5, 50, 1000, 100000}) {
    std::vector<double> W(H * H + H), g(W.size(), 0.0), full(W.size(), 0.0), xs(steps + 1);
    for (size_t i = 0; i < W.size(); ++i) W[i] = 0.3 * std::sin(1.7 * i + 0.2);
    for (int t = 0; t <= steps; ++t) xs[t] = std::cos(0.37 * t);
    std::size_t bytes = rnn_grad_work_bytes(steps);
    if (bytes > 1024) std::printf("FAIL rnn over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(rnn_full_grad_work_bytes(steps) / 8 + 1);
    double v = rnn_grad(W.data(), xs.data(), steps, g.data(), w.data(), bytes);
    double vf = rnn_full_grad(W.data(), xs.data(), steps, full.data(), fw.data(), fw.size() * 8);
    bad |= !same("rnn", steps, v, vf, g, full);
    // (At 10^5 steps central differences lose digits to the sum of 10^5 terms;
    // the unbudgeted gradient, equal bit for bit, is checked at the shorter ones.)
    if (steps <= 1000) bad |= !reportGradient("rnn", W, g, [&] { return rnn(W.data(), xs.data(), steps); });
  }
  for (int steps : {1, 2, 10, 200, 100000}) {
    std::vector<double> x(N), g(N, 0.0), full(N, 0.0);
    for (int i = 0; i < N; ++i) x[i] = 0.5 + 0.1 * i;
    std::size_t bytes = ode_grad_work_bytes(steps);
    if (bytes > 4096) std::printf("FAIL ode over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(ode_full_grad_work_bytes(steps) / 8 + 1);
    double v = ode_grad(x.data(), steps, g.data(), w.data(), bytes);
    double vf = ode_full_grad(x.data(), steps, full.data(), fw.data(), fw.size() * 8);
    bad |= !same("ode", steps, v, vf, g, full);
    if (steps <= 1000) bad |= !reportGradient("ode", x, g, [&] { return ode(x.data(), steps); });
  }
  for (int n : {1, 3, 64}) for (int steps : {1, 2, 9, 300}) {
    std::vector<double> x(n), g(n, 0.0), full(n, 0.0);
    for (int i = 0; i < n; ++i) x[i] = 0.6 + 0.01 * i;
    std::size_t bytes = ode_n_grad_work_bytes(n, steps);
    if (bytes > 4096) std::printf("FAIL ode_n over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(ode_n_full_grad_work_bytes(n, steps) / 8 + 1);
    double v = ode_n_grad(x.data(), n, steps, g.data(), w.data(), bytes);
    double vf = ode_n_full_grad(x.data(), n, steps, full.data(), fw.data(), fw.size() * 8);
    bad |= !same("ode_n", steps, v, vf, g, full);
    bad |= !reportGradient("ode_n", x, g, [&] { return ode_n(x.data(), n, steps); });
  }
  for (int n : {2, 3, 9, 16}) {
    std::vector<double> p(17), g(17, 0.0), full(17, 0.0);
    for (int i = 0; i < 17; ++i) p[i] = 0.3 + 0.05 * i;
    std::size_t bytes = smooth_grad_work_bytes(n);
    if (bytes >512) std::printf("FAIL smooth over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(smooth_full_grad_work_bytes(n) / 8 + 1);
    double v = smooth_grad(p.data(), p[16], n, g.data(), &g[16], w.data(), bytes);
    double vf = smooth_full_grad(p.data(), p[16], n, full.data(), &full[16], fw.data(), fw.size() * 8);
    bad |= !same("smooth", n, v, vf, g, full);
    bad |= !reportGradient("smooth", p, g, [&] { return smooth(p.data(), p[16], n); });
  }
  for (int n : {2, 3, 9, 16}) {
    std::vector<double> p(17), g(17, 0.0), full(17, 0.0);
    for (int i = 0; i < 17; ++i) p[i] = 0.3 + 0.05 * i;
    std::size_t bytes = behind_grad_work_bytes(n);
    if (bytes >96) std::printf("FAIL behind over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(behind_full_grad_work_bytes(n) / 8 + 1);
    double v = behind_grad(p.data(), p[16], n, g.data(), &g[16], w.data(), bytes);
    double vf = behind_full_grad(p.data(), p[16], n, full.data(), &full[16], fw.data(), fw.size() * 8);
    bad |= !same("behind", n, v, vf, g, full);
    bad |= !reportGradient("behind", p, g, [&] { return behind(p.data(), p[16], n); });
  }
  for (int steps : {0, 1, 2, 3, 4, 5, 40, 500}) {
    std::vector<double> p = {0.4, 0.7}, g(2, 0.0), full(2, 0.0);
    std::size_t bytes = carried_grad_work_bytes(steps);
    if (bytes > 112) std::printf("FAIL carried over budget %zu\n", bytes), bad = 1;
    std::vector<double> w(bytes / 8 + 1), fw(carried_full_grad_work_bytes(steps) / 8 + 1);
    double v = carried_grad(p[0], p[1], steps, &g[0], &g[1], w.data(), bytes);
    double vf = carried_full_grad(p[0], p[1], steps, &full[0], &full[1], fw.data(), fw.size() * 8);
    bad |= !same("carried", steps, v, vf, g, full);
    bad |= !reportGradient("carried", p, g, [&] { return carried(p[0], p[1], steps); });
  }
  std::printf(bad ? "FAILED\n" : "ok\n");
  return bad;
}
#endif
