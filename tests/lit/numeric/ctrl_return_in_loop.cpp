// A `return` inside a loop: the loop stops there and what follows it does
// not run (a flag, like `break`); in a nested loop, in an inlined helper,
// and in `while (true)` bounded by GRADC_MAX_TRIPS. `if constexpr` lowers
// only the branch taken.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double first_big_grad(
// CHECK: bool returned = false;
// CHECK: value = t * std::sin(x[i]);
// CHECK-NEXT: returned = true;
// CHECK-NEXT: running = false;
// CHECK: if (returned) {
// CHECK-NEXT: first_big = value;
// CHECK-NEXT: } else {
GRADC_GRAD
double first_big(const double* x) {
  for (int i = 0; i != 4; i++) {
    double t = x[i] * x[i];
    if (t > 1) return t * std::sin(x[i]);
  }
  return std::exp(x[0]);
}

// A helper searching a grid, inlined: the return leaves both loops.
static double find(const double* x, double level) {
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      if (x[r * 3 + c] * x[r] > level) return x[r * 3 + c] * x[r];
  return level * x[8];
}

GRADC_GRAD_WRT(x)
double grid(const double* x, double level) {
  double a = find(x, level);
  return a * x[4] + find(x, 2 * level);
}

// Halving until below 1.
GRADC_GRAD
double halve(double x) {
  double y = x * x;
  while (true) {
    GRADC_MAX_TRIPS(100);
    y = y * 0.5 + 0.01 * x;
    if (y < 1) return y * x;
  }
}

template <int N>
double power(double x) {
  if constexpr (N == 0) {
    return 1.0;
  } else if constexpr (N % 2 == 0) {
    double h = power<N / 2>(x);
    return h * h;
  } else {
    return x * power<N - 1>(x);
  }
}

// CHECK-LABEL: inline double pw_grad(
GRADC_GRAD
double pw(double x) { return power<5>(x) + power<2>(x); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  double err = 0;
  {
    // Returns at i = 2; at no i (the exp after the loop); at i = 0.
    double xs[3][4] = {{0.3, -0.5, 1.4, 2.0}, {0.3, -0.5, 0.4, 0.2}, {-1.3, 0.5, 0.4, 0.2}};
    for (auto& x : xs) {
      double dx[4] = {};
      double v = first_big_grad(x, dx);
      err = std::fmax(err, std::fabs(v - first_big(x)));
      err = std::fmax(err, worstRelativeError(x, dx, 4, [&] { return first_big(x); }));
    }
  }
  for (double level : {0.5, 1.2, 30.0}) {
    double x[9] = {0.9, 1.1, 0.7, 1.3, -0.4, 0.8, 1.6, 0.2, 1.05}, dx[9] = {};
    double v = grid_grad(x, level, dx);
    err = std::fmax(err, std::fabs(v - grid(x, level)));
    err = std::fmax(err, worstRelativeError(x, dx, 9, [&] { return grid(x, level); }));
  }
  for (double x : {0.7, 3.0, 9.5}) {
    double dx = 0;
    double v = halve_grad(x, &dx);
    err = std::fmax(err, std::fabs(v - halve(x)));
    err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return halve(x); }));
  }
  {
    double x = 1.3, dx = 0;
    pw_grad(x, &dx);
    err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return pw(x); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
