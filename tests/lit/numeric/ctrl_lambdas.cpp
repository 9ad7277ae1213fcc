// Local lambdas are inlined at each call like helpers: without captures,
// capturing by reference (the caller's variables, read and written) and by
// value (a copy taken where the lambda is written: a later change of the
// variable is not seen), returning a value or void, and generic.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double plain(double x, double y) {
  auto sq = [](double t) { return t * t; };
  return sq(x) + sq(y * x);
}

GRADC_GRAD_WRT(w)
double captures(const double* w, int n, double scale) {
  double acc = 0;
  double k = w[0];
  auto add = [&](int i, double v) { acc += k * w[i] * v; };  // writes acc, reads k as it is at the call
  auto scaled = [=](double t) { return scale * t * k; };      // k copied here
  for (int i = 0; i < n; ++i) add(i, std::sin(w[i]));
  k = w[1] * 3.0;
  add(1, 2.0);
  return acc + scaled(w[2]);
}

GRADC_GRAD
double generic(double x) {
  auto cube = [](auto t) { return t * t * t; };
  int three = [](int a) { return a + 2; }(1);
  return cube(x) * three + cube(2.0f) * x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  double err = 0;
  {
    double p[2] = {0.7, -1.3}, g[2] = {};
    plain_grad(p[0], p[1], &g[0], &g[1]);
    err = std::fmax(err, worstRelativeError(p, g, 2, [&] { return plain(p[0], p[1]); }));
  }
  {
    double w[4] = {0.4, -0.9, 1.2, 0.3}, dw[4] = {};
    double v = captures_grad(w, 4, 1.5, dw);
    err = std::fmax(err, std::fabs(v - captures(w, 4, 1.5)));
    err = std::fmax(err, worstRelativeError(w, dw, 4, [&] { return captures(w, 4, 1.5); }));
  }
  {
    double x = 0.8, dx = 0;
    generic_grad(x, &dx);
    err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return generic(x); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
