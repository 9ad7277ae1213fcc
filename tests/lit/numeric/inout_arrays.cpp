// In-out arrays of the caller: a non-const array the function reads and then
// overwrites, differentiated (no other float input, or named in the _WRT
// list). Its adjoint is the seed on the final values going in and the
// gradient with respect to the values at the call coming out; every write to
// it is saved and put back by the reverse sweep, so f_grad and f_pullback
// leave it as it was at the call (Clad's and Tapenade's convention). Before:
// an error ("an in-out array of the caller"); the five peer-corpus functions
// of this shape (tests/peer) go through. Checked: the adjoint against central
// differences of f + sum(seed * final values), the array after the call,
// f's value; with a work buffer (a loop of run-time length) too.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
// CHECK-LABEL: inline void scale_in_place_pullback(double* x, int n, double* GRADC_RESTRICT d_x, void* work, std::size_t work_bytes) {
// CHECK: x_tape[i] = x[i];
// CHECK-NEXT: x[i] = x[i] * x[i];
// CHECK: x[i] = x_tape[i];
// CHECK-LABEL: inline double read_write_read_grad(double* x, double* GRADC_RESTRICT d_x) {
// CHECK: double x_old = x[0];
// CHECK: x[0] = x_old;
// The first write of y reads nothing of y, and is saved all the same: y is
// put back whole.
// CHECK-LABEL: inline void two_passes_pullback(const double* x, double* y, int n,
// CHECK: y_tape[i] = y[i];
// CHECK-NEXT: y[i] = x[i] * 2.0;
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
void scale_in_place(double* x, int n) {
  for (int i = 0; i < n; ++i) x[i] = x[i] * x[i];
}

GRADC_GRAD
double read_write_read(double* x) {
  double a = x[0];
  x[0] = a * a;
  return x[0] * x[1];
}

// A reference into the caller's array, updated.
GRADC_GRAD
double through_reference(double* x) {
  double& a = x[1];
  a = a * x[0];
  return a + x[2];
}

GRADC_GRAD_WRT(x)
double running_sum(double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    x[i] = std::sin(x[i]) * x[i];
    s += x[i];
  }
  return s;
}

// y named in the list: its values at the call are inputs too (overwritten
// first, so their gradient is zero).
GRADC_GRAD_WRT(x, y)
void two_passes(const double* x, double* y, int n) {
  for (int i = 0; i < n; i++) y[i] = x[i] * 2;
  for (int i = 0; i < n; i++) y[i] = y[i] * y[i] + y[(i + 1) % n];
}

// Outputs whose values at the call the body does not read, but which gradc
// cannot tell apart from in-out ones (it follows whole loops over equal
// bounds only): differentiated and put back as in-out arrays, with zero
// gradients for the values at the call. (Were errors: diagnostics/
// caller_array_overwrite.cpp.) out[i + 1] is written again by the next iteration:
GRADC_GRAD
void read_ahead(const double* x, double* out) {
  for (int i = 0; i < 4; ++i) out[i] = x[i];
  for (int i = 0; i < 3; ++i) out[i] = out[i + 1] * x[i];
}

// The outer loop's next round writes out[i - 1] again.
GRADC_GRAD
void in_outer_loop(const double* x, double* out) {
  out[0] = x[0];
  for (int t = 0; t < 2; ++t)
    for (int i = 1; i < 4; ++i) out[i] = out[i - 1] * x[i];
}

// The inner loop reads out[i] too, before this iteration writes it.
GRADC_GRAD
void inner_reads_own(const double* x, double* out) {
  for (int i = 0; i < 4; ++i) out[i] = x[i];
  for (int i = 0; i < 4; ++i) {
    double s = 0;
    for (int j = 0; j < i + 1; ++j) s += out[j];
    out[i] = s;
  }
}

// A state advanced in place over a fixed number of steps, float.
GRADC_GRAD
void advance(float q[2], float dt) {
  for (int k = 0; k < 3; ++k) {
    q[0] += dt * q[1];
    q[1] -= dt * std::sin(q[0]);
  }
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstring>
#include <vector>

namespace {

bool ok = true;

void expect(const char* what, double err, double tolerance) {
  std::printf("%-48s %.3g (tolerance %.1g)\n", what, err, tolerance);
  ok = ok && err <= tolerance;
}

// The seeds on the final values: distinct, of both signs.
double seedAt(int k) { return (0.5 + 0.25 * ((k * 7) % 5)) * (k % 2 ? -1.0 : 1.0); }

// phi(x) = f(x) + sum_k seed_k * x_final_k: what d_x holds after the call.
template <class F>
double phi(std::vector<double> x, F f) {
  double r = f(x.data());
  for (size_t k = 0; k < x.size(); ++k) r += seedAt(static_cast<int>(k)) * x[k];
  return r;
}

// A buffer of exactly `bytes` (a multiple of 8), aligned like double.
void* bufferOf(std::vector<double>& storage, size_t bytes) {
  storage.assign((bytes + 7) / 8, 0.0);
  return storage.data();
}

void seeded(std::vector<double>& d) {
  for (size_t k = 0; k < d.size(); ++k) d[k] = seedAt(static_cast<int>(k));
}

}  // namespace

int main() {
  for (int n : {1, 3, 8}) {
    std::vector<double> x0(n), x(n), d(n), storage;
    for (int i = 0; i < n; ++i) x0[i] = 0.3 + 0.4 * i;
    x = x0;
    seeded(d);
    const size_t bytes = scale_in_place_grad_work_bytes(n);
    scale_in_place_pullback(x.data(), n, d.data(), bufferOf(storage, bytes), bytes);
    expect("scale_in_place: x as at the call", x == x0 ? 0 : 1, 0);
    std::vector<double> p = x0;
    expect("scale_in_place vs central differences", worstRelativeError(p, d, [&] {
             return phi(p, [&](double* v) { scale_in_place(v, n); return 0.0; });
           }), 1e-8);

    x = x0;
    seeded(d);
    const size_t rb = running_sum_grad_work_bytes(n);
    const double value = running_sum_grad(x.data(), n, d.data(), bufferOf(storage, rb), rb);
    std::vector<double> y = x0;
    expect("running_sum returns f", std::fabs(value - running_sum(y.data(), n)), 0);
    expect("running_sum: x as at the call", x == x0 ? 0 : 1, 0);
    p = x0;
    expect("running_sum vs central differences", worstRelativeError(p, d, [&] {
             return phi(p, [&](double* v) { return running_sum(v, n); });
           }), 1e-8);

    // two_passes: x const (an input), y in-out; y's gradient is zero.
    std::vector<double> ys0(n, 7.0), ys = ys0, dx(n, 0.0), dy(n);
    seeded(dy);
    const size_t tb = two_passes_grad_work_bytes(n);
    two_passes_pullback(x0.data(), ys.data(), n, dx.data(), dy.data(), bufferOf(storage, tb), tb);
    expect("two_passes: y as at the call", ys == ys0 ? 0 : 1, 0);
    double yGradient = 0;
    for (double g : dy) yGradient = std::fmax(yGradient, std::fabs(g));
    expect("two_passes: gradient of y's values at the call", yGradient, 0);
    p = x0;
    expect("two_passes vs central differences", worstRelativeError(p, dx, [&] {
             std::vector<double> out(n, 7.0);
             two_passes(p.data(), out.data(), n);
             double r = 0;
             for (int k = 0; k < n; ++k) r += seedAt(k) * out[k];
             return r;
           }), 1e-8);
  }
  {
    std::vector<double> x0 = {0.5, 1.5, 2.5}, x = x0, d(3);
    seeded(d);
    const double v = read_write_read_grad(x.data(), d.data());
    std::vector<double> y = x0;
    expect("read_write_read returns f", std::fabs(v - read_write_read(y.data())), 0);
    expect("read_write_read: x as at the call", x == x0 ? 0 : 1, 0);
    std::vector<double> p = x0;
    expect("read_write_read vs central differences",
           worstRelativeError(p, d, [&] { return phi(p, [](double* w) { return read_write_read(w); }); }), 1e-8);

    x = x0;
    seeded(d);
    through_reference_grad(x.data(), d.data());
    expect("through_reference: x as at the call", x == x0 ? 0 : 1, 0);
    p = x0;
    expect("through_reference vs central differences",
           worstRelativeError(p, d, [&] { return phi(p, [](double* w) { return through_reference(w); }); }), 1e-8);
  }
  {
    // (x const, out in-out by gradc's reading: the three take the same check)
    using Pullback = void (*)(const double*, double*, double*, double*);
    using Primal = void (*)(const double*, double*);
    const struct {
      const char* name;
      Primal f;
      Pullback pullback;
    } cases[] = {{"read_ahead", read_ahead, read_ahead_pullback},
                 {"in_outer_loop", in_outer_loop, in_outer_loop_pullback},
                 {"inner_reads_own", inner_reads_own, inner_reads_own_pullback}};
    for (const auto& c : cases) {
      std::vector<double> x0 = {0.3, -0.7, 1.1, 0.5}, out0(4, 9.0), out = out0, dx(4, 0.0), dout(4);
      seeded(dout);
      c.pullback(x0.data(), out.data(), dx.data(), dout.data());
      std::printf("%s:\n", c.name);
      expect("  out as at the call", out == out0 ? 0 : 1, 0);
      double atCall = 0;
      for (double g : dout) atCall = std::fmax(atCall, std::fabs(g));
      expect("  gradient of out's values at the call", atCall, 0);
      std::vector<double> p = x0;
      expect("  vs central differences", worstRelativeError(p, dx, [&] {
               std::vector<double> o(4, 9.0);
               c.f(p.data(), o.data());
               double r = 0;
               for (int k = 0; k < 4; ++k) r += seedAt(k) * o[k];
               return r;
             }), 1e-8);
    }
  }
  {
    float q0[2] = {0.4f, -0.3f}, q[2] = {0.4f, -0.3f}, dq[2] = {1.0f, -0.5f}, ddt = 0.0f;
    advance_pullback(q, 0.1f, dq, &ddt);
    expect("advance: q as at the call", std::memcmp(q, q0, sizeof q) == 0 ? 0 : 1, 0);
    std::vector<double> p = {0.4, -0.3, 0.1}, g = {dq[0], dq[1], ddt};
    expect("advance vs central differences (float)", worstRelativeError(p.data(), g.data(), 3, [&] {
             float s[2] = {static_cast<float>(p[0]), static_cast<float>(p[1])};
             advance(s, static_cast<float>(p[2]));
             return 1.0 * s[0] - 0.5 * s[1];
           }, 1e-2), 2e-3);
  }
  return ok ? 0 : 1;
}
#endif
