// Elements overwritten under an `if` in a loop, of an array declared inside
// that loop (a new one each iteration): the loop's reverse iteration, which
// puts back only what its iteration overwrote outside branches, has nothing
// to put back for it, and the overwrites inside are taped and restored where
// they happen (before: rejected as 'inside an if in a loop'; fuzz seed 9032
// with forward markers, a struct array in a `switch` case). The same array
// declared outside the loop stays rejected
// (diagnostics/overwrite_in_branch.cpp). Checked against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
// CHECK-LABEL: inline double blocks_grad(
// CHECK: tmp_tape[
// CHECK-LABEL: inline double squashed_grad(
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double blocks(const double x[8]) {
  double e = 0.0;
  for (int t = 0; t < 8; ++t) {
    if (x[t] > 0.0) {
      double tmp[3];
      for (int j = 0; j < 3; ++j) tmp[j] = x[(t + j) % 8];
      for (int j = 1; j < 3; ++j) tmp[0] = std::sin(tmp[0]) * tmp[j] + tmp[0];
      e += tmp[0] * tmp[0];
    }
  }
  return e;
}

GRADC_GRAD
double squashed(const double x[6]) {
  double e = 0.0;
  for (int i = 0; i < 6; ++i) {
    if (x[i] < 0.8) {
      double s[2];
      s[0] = x[i];
      s[1] = x[(i + 1) % 6];
      s[0] = std::exp(s[0]) * s[1];
      s[1] = s[0] * s[1] + s[1];
      e += s[0] + s[1];
    }
  }
  return e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

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
  double x[8] = {0.4, -0.3, 1.1, 0.7, -0.9, 0.25, 0.6, -0.15}, g[8] = {};
  double err = 0;
  if (blocks_grad(x, g) != blocks(x)) return 1;
  err = std::fmax(err, worst(x, 8, g, [&] { return blocks(x); }));
  double y[6] = {0.3, 0.9, -0.4, 0.5, 1.2, -0.7}, gy[6] = {};
  if (squashed_grad(y, gy) != squashed(y)) return 1;
  err = std::fmax(err, worst(y, 6, gy, [&] { return squashed(y); }));
  std::printf("largest relative error vs central differences: %.2e\n", err);
  return err < 1e-8 ? 0 : 1;
}
#endif
