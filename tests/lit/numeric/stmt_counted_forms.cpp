// Loops that count but are not written `for (int i = lo; i < hi; ++i)`:
// lowered as the counted loop they are. A while loop whose counter steps
// last in its body (counting up, down, by 3; the counter read after the
// loop), a do loop (its first trip runs anyway), `for (;;)` starting with `if (i >= n) break;`, the step in the
// body with another increment in the head, `i + 1 < n`, and a second
// counter moving with the first (or fixed, as a bound).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double while_up_grad(
// CHECK: for (int i = 0; i < 4; ++i) {
GRADC_GRAD
double while_up(double x) {
  double r = 1;
  int i = 0;
  while (i < 4) {
    r *= x + i;
    i++;
  }
  return r;
}

// The counter is a parameter, read after the loop (0, or n if n < 0).
GRADC_GRAD
double while_down(double x, int n) {
  double r = x;
  while (n > 0) {
    r = r * 0.5 + x * n;
    n--;
  }
  return r * (n + 2);
}

GRADC_GRAD_WRT(x)
double while_by_three(const double* x, int n) {
  double s = 0;
  int i = 1;
  while (i <= n) {
    s += x[i] * x[i - 1];
    i += 3;
  }
  return s * i;
}

// A do loop runs once even when the condition is false from the start (n <= 1).
GRADC_GRAD
double do_counted(double x, int n) {
  double r = 0;
  int i = 0;
  do {
    r = r * x + (i + 1);
    i++;
  } while (i < n);
  return r * i;
}

GRADC_GRAD
double empty_header(double x, int n) {
  double s = 0;
  int i = 0;
  for (;;) {
    if (i >= n) break;
    s += x / (i + 1);
    ++i;
  }
  return s * i;
}

GRADC_GRAD
double step_in_body(double x) {
  double t = 1;
  for (int i = 0; i < 3; t *= x) i++;
  double s = 1;
  for (int i = 0; i < 7;) {
    s *= 1 + x / (i + 1);
    i += 2;
  }
  return t + s;
}

// CHECK-LABEL: inline double pairs_grad(
// CHECK: for (int i = 0; i < n - 1; i += 2) {
GRADC_GRAD_WRT(x)
double pairs(const double* x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i += 2) s += x[i] * x[i + 1];
  return s;
}

GRADC_GRAD_WRT(x)
double two_counters(const double* x, int n) {
  double s = 0;
  for (int i = 0, j = n - 1; i < n; i++, j--) s += x[i] * x[j] * (j + 1);
  for (int i = n - 1, k = 3; i >= 1; --i, k += 2) s += x[i] * k;
  for (int i = 0, m = 3; i < m; ++i) s += x[i] * x[i + 1] * m;
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

#include "Inputs/central_difference.hpp"

int main() {
  double err = 0;
  auto check1 = [&](double x, double v, double dx, double f, const std::function<double(double)>& fn) {
    err = std::fmax(err, std::fabs(v - f));
    err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return fn(x); }));
  };
  for (double x : {0.7, 1.9}) {
    double dx = 0;
    double v = while_up_grad(x, &dx);
    check1(x, v, dx, while_up(x), [](double y) { return while_up(y); });
    for (int n : {-2, 0, 3}) {
      dx = 0;
      v = while_down_grad(x, n, &dx);
      check1(x, v, dx, while_down(x, n), [n](double y) { return while_down(y, n); });
      dx = 0;
      std::vector<double> work(do_counted_grad_work_bytes(n) / sizeof(double) + 1);
      v = do_counted_grad(x, n, &dx, work.data(), work.size() * sizeof(double));
      check1(x, v, dx, do_counted(x, n), [n](double y) { return do_counted(y, n); });
      dx = 0;
      v = empty_header_grad(x, n, &dx);
      check1(x, v, dx, empty_header(x, n), [n](double y) { return empty_header(y, n); });
    }
    dx = 0;
    v = step_in_body_grad(x, &dx);
    check1(x, v, dx, step_in_body(x), [](double y) { return step_in_body(y); });
  }
  for (int n : {0, 1, 4, 5, 7}) {
    double x[8] = {0.3, -0.5, 1.4, 2.0, 0.7, -1.1, 0.9, 0.25};
    double dx[8] = {};
    double v = while_by_three_grad(x, n, dx);
    err = std::fmax(err, std::fabs(v - while_by_three(x, n)));
    err = std::fmax(err, worstRelativeError(x, dx, 8, [&] { return while_by_three(x, n); }));
    double dp[8] = {};
    v = pairs_grad(x, n, dp);
    err = std::fmax(err, std::fabs(v - pairs(x, n)));
    err = std::fmax(err, worstRelativeError(x, dp, 8, [&] { return pairs(x, n); }));
    double dt[8] = {};
    v = two_counters_grad(x, n, dt);
    err = std::fmax(err, std::fabs(v - two_counters(x, n)));
    err = std::fmax(err, worstRelativeError(x, dt, 8, [&] { return two_counters(x, n); }));
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
