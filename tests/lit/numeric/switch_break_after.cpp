// A `switch` whose case returns, in a loop that breaks after the switch
// (fuzz `switch-return-loop`, g++ seed 77003 f3): the code after the switch
// is lowered as each case's continuation, and its `break` was taken for the
// switch's, which lowered that continuation again, without end (SIGSEGV).
// A `break` past the end of the switch now leaves the loop.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double halve_grad(double x, int n, double* d_x) {
// CHECK: // line [[@LINE+8]]: break
GRADC_GRAD
double halve(double x, int n) {
  for (int i = 0; i < 5; i++) {
    switch (n) {
      case 2: return x * x;
    }
    if (x < 0.3) {
      break;
    }
    x = 0.5 * x;
  }
  return x;
}

// Breaks of both kinds: the switch's (case 1) and, after it, the loop's.
GRADC_GRAD
double both(double x, int n) {
  double s = 0;
  for (int i = 0; i < 6; i++) {
    switch (n + i % 2) {
      case 1:
        s += std::sin(x);
        break;
      case 3:
        return s + x * x * x;
      default:
        s += x;
    }
    if (s > 2.0) break;
    x = 0.75 * x + 0.1;
  }
  return s * x;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

int main() {
  bool ok = true;
  for (int n : {0, 1, 2, 3}) {
    for (double x0 : {0.2, 0.9, 3.0}) {
      std::vector<double> x = {x0}, d(1, 0.0), e(1, 0.0);
      ok &= halve_grad(x[0], n, &d[0]) == halve(x[0], n);
      ok &= both_grad(x[0], n, &e[0]) == both(x[0], n);
      ok &= worstRelativeError(x, d, [&] { return halve(x[0], n); }) < 1e-7;
      ok &= worstRelativeError(x, e, [&] { return both(x[0], n); }) < 1e-7;
      std::printf("n %d x %.1f: halve' %.6f both' %.6f\n", n, x0, d[0], e[0]);
    }
  }
  // By hand: halve at n = 2 is x^2; at n = 0, x = 0.9 halves twice (0.225 < 0.3): x / 4.
  double d = 0;
  halve_grad(0.9, 2, &d);
  ok &= d == 1.8;
  d = 0;
  halve_grad(0.9, 0, &d);
  ok &= d == 0.25;
  return ok ? 0 : 1;
}
#endif
