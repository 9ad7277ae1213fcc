// The source may read an element before writing it on a path its own logic
// rules out: `last` is written in the first iteration and kept by the select
// in the others. The def-before-use check does not follow the condition; it
// saw the generated code read `last` unwritten and reported an internal error
// (a false rejection). An array the source itself may so read is declared
// zeroed now (check/DefBeforeUse.cpp, zeroArraysReadUnwritten), and the check
// still flags what gradc adds.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

// CHECK-LABEL: inline double kept_last_grad(
// CHECK: double last[2] = {};
GRADC_GRAD_WRT(w)
double kept_last(const double* w, const double* x, int n) {
  double last[2];
  double total = 0.0;
  for (int s = 0; s < n; ++s) {
    const bool take = s == 0 || x[s] > 0.0;
    last[0] = take ? w[0] * x[s] : last[0];
    last[1] = take ? w[1] * x[s] : last[1];
    total += last[0] * last[1];
  }
  return total;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

int main() {
  const int n = 6;
  double x[n] = {0.3, -1.2, 0.8, 2.0, -0.4, 1.1};
  double w[2] = {0.6, -0.3}, dw[2] = {};
  alignas(double) unsigned char work[4096];
  if (kept_last_grad_work_bytes(n) > sizeof work) return 1;
  kept_last_grad(w, x, n, dw, work, sizeof work);
  // Hand-written: the kept pairs are (w0 x_k, w1 x_k), k the last s <= i with take.
  double hand[2] = {0, 0};
  int k = 0;
  for (int s = 0; s < n; ++s) {
    if (s == 0 || x[s] > 0.0) k = s;
    hand[0] += x[k] * w[1] * x[k];
    hand[1] += w[0] * x[k] * x[k];
  }
  double worst = std::fmax(std::fabs(dw[0] - hand[0]), std::fabs(dw[1] - hand[1]));
  worst = std::fmax(worst, worstRelativeError(w, dw, 2, [&] { return kept_last(w, x, n); }));
  std::printf("largest error (hand-written, central differences): %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
