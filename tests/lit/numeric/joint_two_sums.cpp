// c * a * a is pulled back as one accumulation of 2ca into d_a.
// A loop that only adds to a running sum is jointed (each iteration's
// reverse right after it, its values still in registers, nothing kept) even
// when a later loop adds to the same sum: that loop's reverse passes the
// sum's adjoint through unchanged, so the reverse iteration may run before
// it. A later loop that scales the sum changes its adjoint: no joint.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

constexpr int N = 6;

// CHECK-LABEL: inline double springs_grad(
// CHECK-NOT: _kept
// CHECK: double t0 = gradc::norm2(dx, dy);
// CHECK: double t1 = 0.5 * k;
// CHECK-NEXT: E = E + t1 * stretch * stretch;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep of this iteration
// CHECK-NEXT: // line [[#]]: E += 0.5 * k * stretch * stretch
// CHECK-NEXT: double d_stretch = 2.0 * (t1 * stretch);
// CHECK: d_px[i + 1] += d_dx;
// CHECK-NEXT: }
// CHECK-NEXT: // line [[#]]: for (int i = 0; i < N; ++i)
// CHECK-NEXT: for (int i = 0; i < gradc_src::N; ++i) {
// CHECK-NEXT: // line [[#]]: E += g * py[i]
// CHECK-NEXT: E = E + g * py[i];
// CHECK-NEXT: }
// CHECK: return springs;
GRADC_GRAD_WRT(px, py)
double springs(const double* px, const double* py, double k, double rest, double g) {
  double E = 0.0;
  for (int i = 0; i < N - 1; ++i) {
    const double dx = px[i + 1] - px[i];
    const double dy = py[i + 1] - py[i];
    const double stretch = std::sqrt(dx * dx + dy * dy) - rest;
    E += 0.5 * k * stretch * stretch;
  }
  for (int i = 0; i < N; ++i) E += g * py[i];
  return E;
}

// E *= 1.5 is no running sum: the first loop's lengths are kept for a
// reverse loop of its own.
// CHECK-LABEL: inline double scaled_springs_grad(
// CHECK-NOT: reverse sweep of this iteration
// CHECK: t_kept[i] = t0;
// CHECK: return scaled_springs;
GRADC_GRAD_WRT(px, py)
double scaled_springs(const double* px, const double* py, double k, double rest, double g) {
  double E = 0.0;
  for (int i = 0; i < N - 1; ++i) {
    const double dx = px[i + 1] - px[i];
    const double dy = py[i + 1] - py[i];
    const double stretch = std::sqrt(dx * dx + dy * dy) - rest;
    E += 0.5 * k * stretch * stretch;
  }
  for (int i = 0; i < N; ++i) E = 1.5 * E + g * py[i];
  return E;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  double px[N] = {0.0, 1.1, 2.3, 2.9, 4.2, 5.0}, py[N] = {0.0, -0.4, 0.3, 1.2, 0.8, 1.5};
  const double k = 3.0, rest = 0.9, g = 0.7;
  double worst = 0;
  {
    double dpx[N] = {}, dpy[N] = {};
    springs_grad(px, py, k, rest, g, dpx, dpy);
    worst = std::fmax(worst, worstRelativeError(px, dpx, py, dpy, N, [&] { return springs(px, py, k, rest, g); }));
  }
  {
    double dpx[N] = {}, dpy[N] = {};
    scaled_springs_grad(px, py, k, rest, g, dpx, dpy);
    worst = std::fmax(worst, worstRelativeError(px, dpx, py, dpy, N, [&] { return scaled_springs(px, py, k, rest, g); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
