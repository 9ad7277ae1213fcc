// Pointers the source moves: stepped through one array (`++p`, `p += k`,
// `p -= k`, written through), moved between arrays (`xp = h;`, h a view made
// later in the loop; `acc = other;` from another moving pointer, a swap), and
// passed to a helper. The generated code keeps an offset (`p_at`) and, across
// arrays, a selector (`xp_in`) that picks the array each read and write goes
// to; the reverse sweep sends each adjoint to the array that was read.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double walk_grad(
// CHECK: p_at = p_at + 1;
GRADC_GRAD
double walk(const double* x) {
  const double* p = x;
  double s = 0.0;
  for (int i = 0; i < 4; ++i) {
    s += std::sin(*p) * p[1];
    ++p;
  }
  return s;
}

// A run-time trip count; moved by assignment and by `+=`.
GRADC_GRAD
double advance(const double* x, const double* y, int n) {
  const double* p = x;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += *p * *p;
    ++p;
  }
  p = y;
  p += 2;
  return s * p[0];
}

// Written through while it steps, then stepped back.
GRADC_GRAD
double fill(const double* x) {
  double buf[6];
  double* q = buf;
  for (int i = 0; i < 3; ++i) {
    *q = x[i] * x[i];
    ++q;
    *q = std::exp(x[i]);
    q += 1;
  }
  q -= 6;
  double s = 0.0;
  for (int i = 0; i < 6; ++i) s += q[i] * buf[5 - i];
  return s;
}

template <typename T>
void layer(const T* in, const T* w, T* out) {
  for (int i = 0; i < 3; ++i) out[i] = std::tanh(in[i] * w[i] + in[(i + 1) % 3]);
}

// Each layer reads the previous one's output: xp moves from x to rows of st.
// CHECK-LABEL: inline double layers_grad(
// CHECK: xp_at = 3 * l;
// CHECK-NEXT: xp_in = 1;
// CHECK: if (xp_in == 0) {
template <typename T>
GRADC_GRAD
T layers(const T* w, T u) {
  T x[3];
  T st[9];
  for (int i = 0; i < 3; ++i) x[i] = u * w[i];
  const T* xp = x;
  for (int l = 0; l < 3; ++l) {
    T* h = st + 3 * l;
    layer(xp, w + 3 + 3 * l, h);
    xp = h;
  }
  T s = 0;
  for (int i = 0; i < 3; ++i) s += xp[i] * xp[i];
  return s;
}
template double layers<double>(const double*, double);
template float layers<float>(const float*, float);

// A helper with a moving pointer, inlined twice on different arrays: each
// inlining finds its own (the second once took the first's array from a stale
// binding of `h` and picked the wrong array: a wrong gradient, 1.4e-1).
inline double run_layers(const double* in, double* a) {
  const double* xp = in;
  for (int l = 0; l < 2; ++l) {
    double* h = a + 2 * l;
    h[0] = std::sin(xp[0] + xp[1]);
    h[1] = xp[0] * xp[1];
    xp = h;
  }
  return xp[0] + xp[1];
}

GRADC_GRAD
double twice(const double* w) {
  double a[4], b[4], c[2];
  c[0] = w[0] * 2;
  c[1] = w[1];
  double s = run_layers(w, a);
  s += run_layers(c, b);
  return s;
}

// Moved to the rows of a 2-D local, `p = A[t]`, t the loop's counter.
GRADC_GRAD
double rows(const double* x, double y) {
  double A[3][2];
  for (int i = 0; i < 3; ++i) {
    A[i][0] = x[i] * y;
    A[i][1] = std::sin(x[i]);
  }
  const double* p = x;
  double s = 0;
  for (int t = 0; t < 3; ++t) {
    s += p[0] * p[1] + s * y;
    p = A[t];
  }
  return s + p[1];
}

// Captured by reference by a lambda: the lambda reads where the pointer is
// when it is called. (The capture made the pointer look taken by reference,
// so `++p` was refused: fuzz seed 1003.)
GRADC_GRAD
double captured(const double* x, double y) {
  const double* p = x;
  ++p;
  auto at = [&](int i) { return p[i] * y; };
  double s = at(0);
  ++p;
  s += at(1) * s;
  return s;
}

// Two read-only pointers swapped each step, each moving between x and y,
// one moved to the other's place (its selector mapped through the other's).
// (Swapped buffers that are also written, ping-pong style, are refused: a
// write lands where an earlier step read, at a place the selector decides.)
GRADC_GRAD
double swapped(const double* x, const double* y, double w) {
  const double* a = x;
  const double* b = y;
  double s = 0.0;
  for (int t = 0; t < 5; ++t) {
    s += std::cos(a[t % 2] * w + b[1]) * a[2];
    const double* keep = a;
    a = b;
    b = keep;
  }
  return s + a[0] * b[0];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../samples/ode/alloc_counter.hpp"
#include "Inputs/central_difference.hpp"

#include <cstdio>

static long heap = 0;  // allocations made by the gradients
template <class F>
static auto counted(F f) {
  const long before = ode_alloc::Count();
  auto r = f();
  heap += ode_alloc::Count() - before;
  return r;
}

int main() {
  bool ok = true;
  // walk by hand: s = sum_i sin(x_i) x_{i+1}.
  std::vector<double> x = {0.3, -1.1, 0.8, 2.0, 0.4}, d_x(5, 0.0), hand(5, 0.0);
  const double v = counted([&] { return walk_grad(x.data(), d_x.data()); });
  for (int i = 0; i < 4; ++i) {
    hand[i] += std::cos(x[i]) * x[i + 1];
    hand[i + 1] += std::sin(x[i]);
  }
  double vs_hand = 0;
  for (int i = 0; i < 5; ++i) vs_hand = std::fmax(vs_hand, std::fabs(d_x[i] - hand[i]));
  ok &= v == walk(x.data()) && vs_hand < 1e-15;
  ok &= reportGradient("walk", x, d_x, [&] { return walk(x.data()); }, 1e-8);
  std::printf("walk vs hand-written %.1e\n", vs_hand);

  {
    std::vector<double> a = {0.5, -0.3, 0.9, 1.4}, d_a(4, 0.0), b = {0.2, 0.1, -0.7}, d_b(3, 0.0);
    // (p's offset is kept per step of a run-time loop: a caller's work buffer)
    alignas(double) unsigned char work[256];
    ok &= advance_grad_work_bytes(4) <= sizeof work;
    ok &= counted([&] { return advance_grad(a.data(), b.data(), 4, d_a.data(), d_b.data(), work, sizeof work); }) ==
          advance(a.data(), b.data(), 4);
    ok &= reportGradient("advance x", a, d_a, [&] { return advance(a.data(), b.data(), 4); }, 1e-8);
    ok &= reportGradient("advance y", b, d_b, [&] { return advance(a.data(), b.data(), 4); }, 1e-8);
  }
  {
    std::vector<double> t = {0.3, -0.5}, d_t(2, 0.0);
    ok &= counted([&] { return twice_grad(t.data(), d_t.data()); }) == twice(t.data());
    ok &= reportGradient("twice", t, d_t, [&] { return twice(t.data()); }, 1e-8);
  }
  {
    std::vector<double> r = {0.3, -0.5, 0.8}, d_r(3, 0.0);
    double c = 0.7, d_c = 0.0;
    ok &= counted([&] { return rows_grad(r.data(), c, d_r.data(), &d_c); }) == rows(r.data(), c);
    ok &= reportGradient("rows x", r, d_r, [&] { return rows(r.data(), c); }, 1e-8);
    std::vector<double> cc = {c}, d_cc = {d_c};
    ok &= reportGradient("rows y", cc, d_cc, [&] { return rows(r.data(), cc[0]); }, 1e-8);
  }
  {
    std::vector<double> r = {0.3, -0.5, 0.8, 0.4}, d_r(4, 0.0);
    double c = 0.7, d_c = 0.0;
    ok &= counted([&] { return captured_grad(r.data(), c, d_r.data(), &d_c); }) == captured(r.data(), c);
    ok &= reportGradient("captured x", r, d_r, [&] { return captured(r.data(), c); }, 1e-8);
    std::vector<double> cc = {c}, d_cc = {d_c};
    ok &= reportGradient("captured y", cc, d_cc, [&] { return captured(r.data(), cc[0]); }, 1e-8);
  }
  std::vector<double> y = {0.3, -0.2, 0.6}, d_y(3, 0.0);
  ok &= counted([&] { return fill_grad(y.data(), d_y.data()); }) == fill(y.data());
  ok &= reportGradient("fill", y, d_y, [&] { return fill(y.data()); }, 1e-8);

  std::vector<double> w(12), d_w(12, 0.0);
  for (int i = 0; i < 12; ++i) w[i] = 0.9 * std::sin(1.3 * i + 0.2);
  double u = 0.7, d_u = 0.0;
  ok &= counted([&] { return layers_grad(w.data(), u, d_w.data(), &d_u); }) == layers(w.data(), u);
  ok &= reportGradient("layers w", w, d_w, [&] { return layers(w.data(), u); }, 1e-8);
  std::vector<double> uu = {u}, d_uu = {d_u};
  ok &= reportGradient("layers u", uu, d_uu, [&] { return layers(w.data(), uu[0]); }, 1e-8);
  // float: against the double gradient.
  std::vector<float> wf(w.begin(), w.end()), d_wf(12, 0.0f);
  float d_uf = 0.0f;
  counted([&] { return layers_grad(wf.data(), 0.7f, d_wf.data(), &d_uf); });
  double vs_double = std::fabs(d_uf - d_u);
  for (int i = 0; i < 12; ++i) vs_double = std::fmax(vs_double, std::fabs(d_wf[i] - d_w[i]));
  std::printf("layers<float> vs layers<double> gradient %.1e\n", vs_double);
  ok &= vs_double < 1e-4;

  std::vector<double> z = {0.3, -0.5, 1.2}, d_z(3, 0.0), r = {0.7, 0.2, -0.4}, d_r(3, 0.0);
  double c = 1.3, d_c = 0.0;
  ok &= counted([&] { return swapped_grad(z.data(), r.data(), c, d_z.data(), d_r.data(), &d_c); }) ==
        swapped(z.data(), r.data(), c);
  ok &= reportGradient("swapped x", z, d_z, [&] { return swapped(z.data(), r.data(), c); }, 1e-8);
  ok &= reportGradient("swapped y", r, d_r, [&] { return swapped(z.data(), r.data(), c); }, 1e-8);
  std::vector<double> cc = {c}, d_cc = {d_c};
  ok &= reportGradient("swapped w", cc, d_cc, [&] { return swapped(z.data(), r.data(), cc[0]); }, 1e-8);

  std::printf("heap allocations in the gradients: %ld\n", heap);
  return ok && heap == 0 ? 0 : 1;
}
#endif
