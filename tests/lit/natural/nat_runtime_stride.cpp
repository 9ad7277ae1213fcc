// Loops stepping by a stride known at run time, as C code over interleaved
// or strided data writes them (ADBench's LSTM steps `t += b` over its
// sequence): `for (t = lo; t < hi; t += s)` with s read only. gradc counts
// the trips, (hi - lo + s - 1) / s when lo < hi (s > 0 then, or the loop
// never ends), and sets t = lo + k * s at the top of trip k; the reverse
// sweep runs the same trips backwards. Checked against central differences:
// independent trips (jointed), the counter read after the loop, and a
// recurrence whose per-trip values go to the caller's work buffer, a loop
// that stops early on a condition reading the counter, and elements
// overwritten at the counter.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double channel_energy_grad(
// CHECK: // line {{[0-9]+}}: for (int t = ch; t < 24; t += stride)
// CHECK-NEXT: for (int t_trip = 0; t_trip < (ch < 24 && stride > 0 ? (24 + (stride - 1) - ch) / stride : 0); ++t_trip) {
// CHECK-NEXT: int t = ch + t_trip * stride;
GRADC_GRAD_WRT(x)
double channel_energy(const double x[24], int stride, int ch) {
  double e = 0.0;
  for (int t = ch; t < 24; t += stride) e += std::sin(x[t]) * x[t];
  return e;
}

// CHECK-LABEL: inline double pairs_grad(
// CHECK: // line {{[0-9]+}}: for (t = 0; t <= 23 - b; t += 2 * b)
// CHECK: int t = t_trip * [[S:t[0-9]+]];
// CHECK: int t = [[TRIPS:t[0-9]+]] * [[S]];
GRADC_GRAD_WRT(x)
double pairs(const double x[24], int b) {
  double e = 0.0;
  int t = 0;
  for (t = 0; t <= 23 - b; t += 2 * b) e += x[t] * x[t + b];
  return e + 0.01 * t;
}

// CHECK-LABEL: inline double decimated_grad(
// CHECK: y_tape[t_trip] = y;
// CHECK: for (int t_trip = [[N:t[0-9]+]] - 1; t_trip >= 0; --t_trip) {
// CHECK-NEXT: y = y_tape[t_trip];
// CHECK-NEXT: int t = 1 + t_trip * s;
GRADC_GRAD_WRT(x)
double decimated(const double x[64], int n, int s) {
  double y = 0.5;
  for (int t = 1; t < n; t += s) y = std::sin(y * x[t]) + x[t - 1];
  return y;
}

// A condition that reads the counter (`t <= limit`): the counter is set from
// the trip before the condition is tested (fuzz seed 7909 ran every trip).
// CHECK-LABEL: inline double capped_grad(
// CHECK: int t = t_trip * s;
// CHECK-NEXT: bool {{cond[0-9]*}} = running && t <= limit;
GRADC_GRAD_WRT(x)
double capped(const double x[24], int s, int limit) {
  double e = 0.0;
  for (int t = 0; t < 24 && t <= limit; t += s) e = e * 0.9 + std::cos(x[t] * e + 0.3);
  return e;
}

// An element overwritten in place at the counter (`y[t] = f(y[t])`) and an
// inner loop overwriting elements after it: t = lo + k * s is fixed for the
// trip like a counter, so the old elements go to a tape and each reverse trip
// sets t before it puts them back.
// CHECK-LABEL: inline double squash_grad(
// CHECK: y_tape[t_trip] = y[t];
// CHECK: for (int t_trip = {{t[0-9]+}} - 1; t_trip >= 0; --t_trip) {
// CHECK-NEXT: int t = t_trip * s;
// CHECK-NEXT: // line {{[0-9]+}}: y[t] = std::sin(y[t]) * y[t]
// CHECK-NEXT: y[t] = y_tape[t_trip];
GRADC_GRAD_WRT(x)
double squash(const double x[24], int s) {
  double y[24];
  for (int i = 0; i < 24; ++i) y[i] = x[i];
  for (int t = 0; t < 24; t += s) y[t] = std::sin(y[t]) * y[t];
  double e = 0.0;
  for (int i = 0; i < 24; ++i) e += y[i] * y[i];
  return e;
}

GRADC_GRAD_WRT(x)
double blocks(const double x[24], int s) {
  double y[24];
  for (int i = 0; i < 24; ++i) y[i] = 0.5 * x[i];
  double e = 0.0;
  for (int t = 0; t < 24; t += s) {
    for (int j = 0; j < 2; ++j) y[(t + j) % 24] = std::exp(y[(t + j) % 24] * x[t]);
    e += y[t];
  }
  return e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

// The largest relative difference of g from central differences of f over x[0..n).
template <class F>
double worst(double* x, int n, const double* g, F f) {
  double err = 0;
  for (int k = 0; k < n; ++k) {
    const double keep = x[k], h = 1e-6;
    x[k] = keep + h;
    const double up = f();
    x[k] = keep - h;
    const double down = f();
    x[k] = keep;
    const double fd = (up - down) / (2 * h);
    err = std::fmax(err, std::fabs(g[k] - fd) / std::fmax(1.0, std::fabs(fd)));
  }
  return err;
}

int main() {
  double x[64];
  for (int k = 0; k < 64; ++k) x[k] = 0.9 * std::sin(0.7 * k + 0.3);
  double err = 0;
  for (int stride : {1, 3, 5, 30})
    for (int ch : {0, 2, 23, 24}) {
      double g[24] = {};
      channel_energy_grad(x, stride, ch, g);
      err = std::fmax(err, worst(x, 24, g, [&] { return channel_energy(x, stride, ch); }));
    }
  for (int b : {1, 2, 7, 23, 40}) {
    double g[24] = {};
    pairs_grad(x, b, g);
    err = std::fmax(err, worst(x, 24, g, [&] { return pairs(x, b); }));
  }
  for (int n : {0, 1, 2, 40, 64})
    for (int s : {1, 4, 9}) {
      std::vector<double> work(decimated_grad_work_bytes(n, s) / sizeof(double) + 1);
      double g[64] = {};
      const double value = decimated_grad(x, n, s, g, work.data(), work.size() * sizeof(double));
      if (value != decimated(x, n, s)) {
        std::printf("decimated_grad(n = %d, s = %d) returned %g, not f's %g\n", n, s, value, decimated(x, n, s));
        return 1;
      }
      err = std::fmax(err, worst(x, 64, g, [&] { return decimated(x, n, s); }));
    }
  for (int s : {1, 2, 7})
    for (int limit : {-1, 0, 5, 30}) {
      std::vector<double> work(capped_grad_work_bytes(s, limit) / sizeof(double) + 1);
      double g[24] = {};
      const double value = capped_grad(x, s, limit, g, work.data(), work.size() * sizeof(double));
      if (value != capped(x, s, limit)) {
        std::printf("capped_grad(s = %d, limit = %d) returned %g, not f's %g\n", s, limit, value, capped(x, s, limit));
        return 1;
      }
      err = std::fmax(err, worst(x, 24, g, [&] { return capped(x, s, limit); }));
    }
  for (int s : {1, 2, 5, 7, 30}) {
    std::vector<double> work(squash_grad_work_bytes(s) / sizeof(double) + 1);
    double g[24] = {};
    squash_grad(x, s, g, work.data(), work.size() * sizeof(double));
    err = std::fmax(err, worst(x, 24, g, [&] { return squash(x, s); }));
    std::vector<double> work2(blocks_grad_work_bytes(s) / sizeof(double) + 1);
    double g2[24] = {};
    blocks_grad(x, s, g2, work2.data(), work2.size() * sizeof(double));
    err = std::fmax(err, worst(x, 24, g2, [&] { return blocks(x, s); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-8 ? 0 : 1;
}
#endif
