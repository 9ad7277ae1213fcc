// `switch` on an int, lowered to an if/else chain on the value: each case
// runs from its label to a `break` or into the next case (fallthrough), a
// `break` inside an `if`, `default` (also in the middle), no default, an
// init statement, a switch in a loop with `continue` and `return` in cases.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double cases_grad(
// CHECK: bool cond0 = k == 0;
// CHECK: cond{{[0-9]+}} = k == 1 || k == 2;
GRADC_GRAD
double cases(double x, int k) {
  double r = 0;
  switch (k) {
    case 0:
      r = x;
      break;
    case 1:
    case 2:
      r = x * x;
      break;
    case 3:
      r = std::sin(x);
      [[fallthrough]];
    case 4:
      r += x * x * x;
      if (r > 2) break;
      r *= 2;
      [[fallthrough]];
    default:
      r -= x;
      break;
    case 7:
      r = std::exp(x);
  }
  return r * x;
}

GRADC_GRAD
double no_default(double x, int k) {
  double r = x;
  switch (k) {
    case 1:
      r = x * x;
      break;
    case 2:
      r = std::exp(x);
      break;
  }
  return r + x;
}

// CHECK-LABEL: inline double with_init_grad(
GRADC_GRAD
double with_init(double x, int k) {
  switch (int j = k * 2; j) {
    case 4:
      return x * x;
    case 6: {
      double t = std::exp(x);
      return t * x;
    }
    default:
      break;
  }
  return x;
}

GRADC_GRAD_WRT(x)
double in_loop(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    switch (i % 4) {
      case 0:
        s += x[i];
        break;
      case 1:
        if (x[i] < 0) continue;
        s *= x[i];
        break;
      case 2:
        s -= x[i] * x[i];
        break;
      default:
        if (s > 3) return s * x[i];
        s = std::sin(s) + x[i];
    }
    s += 0.1 * x[i];
  }
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

#include "Inputs/central_difference.hpp"

int main() {
  double err = 0;
  for (int k = -1; k <= 8; ++k)
    for (double x : {0.4, 1.3}) {
      double dx = 0, v = cases_grad(x, k, &dx);
      err = std::fmax(err, std::fabs(v - cases(x, k)));
      err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return cases(x, k); }));
      dx = 0;
      v = no_default_grad(x, k, &dx);
      err = std::fmax(err, std::fabs(v - no_default(x, k)));
      err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return no_default(x, k); }));
      dx = 0;
      v = with_init_grad(x, k, &dx);
      err = std::fmax(err, std::fabs(v - with_init(x, k)));
      err = std::fmax(err, worstRelativeError(&x, &dx, 1, [&] { return with_init(x, k); }));
    }
  {
    // Through every case, `continue` on x[5] < 0; the second returns early.
    double xs[2][8] = {{0.3, 0.5, 1.4, 2.0, 0.7, -0.5, 0.4, 0.2}, {1.3, 1.5, 0.4, 1.2, 2.7, 1.5, 0.4, 0.2}};
    for (auto& x : xs) {
      double dx[8] = {};
      std::vector<double> work(in_loop_grad_work_bytes(8) / sizeof(double) + 1);
      double v = in_loop_grad(x, 8, dx, work.data(), work.size() * sizeof(double));
      err = std::fmax(err, std::fabs(v - in_loop(x, 8)));
      err = std::fmax(err, worstRelativeError(x, dx, 8, [&] { return in_loop(x, 8); }));
    }
  }
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-7 ? 0 : 1;
}
#endif
