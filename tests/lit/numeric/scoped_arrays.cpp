// Arrays declared in a block (an `if` body, a loop body) exist in that block
// only: no array declared later outside it takes their storage, and their
// `= {}` is the only zeroing they get.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// probs is dead once the `if` ends, but out of scope at sse's tape: the tape
// gets storage of its own.
// CHECK-LABEL: inline double in_branch_grad(
// CHECK: if (b <= 1.0) {
// CHECK-NEXT: // line [[#]]: double probs[4] = {};
// CHECK-NEXT: double probs[4] = {};
// CHECK-NEXT: // line [[#]]: double loss = probs[2];
// CHECK-NEXT: double loss = probs[2];
// CHECK-NOT: = probs;
// CHECK: double sse_tape[4];
// CHECK: return in_branch;
GRADC_GRAD
double in_branch(const double* c, double b, double e) {
  if (b <= 1.0) { double probs[4] = {}; double loss = probs[2]; e += loss; }
  double st = e, sse = 0.0;
  for (int k = 0; k < 4; ++k) { double m = sse * c[k]; sse += m; }
  return sse + st;
}

// Arrays of both branches and of a loop body, then arrays of the function
// body that could reuse them: only those of the body share storage.
// CHECK-LABEL: inline double nested_grad(
// CHECK-NOT: = hid;
// CHECK-NOT: = tmpv;
// CHECK-NOT: = probs;
// CHECK: return nested;
GRADC_GRAD
double nested(const double* c, double b, double e) {
  double acc = 0.0;
  if (b > 0.5) {
    double hid[4];
    for (int k = 0; k < 4; ++k) hid[k] = std::tanh(c[k] * e);
    for (int k = 0; k < 4; ++k) acc += hid[k] * hid[k];
  } else {
    double tmpv[4] = {};
    for (int k = 0; k < 4; ++k) tmpv[k] += c[k] * b;
    acc = tmpv[1] * tmpv[2];
  }
  for (int i = 0; i < 3; ++i) {
    double probs[4];
    for (int k = 0; k < 4; ++k) probs[k] = std::exp(c[k] * e + 0.1 * i);
    double z = 0.0;
    for (int k = 0; k < 4; ++k) z += probs[k];
    acc += std::log(z);
  }
  double st[4];
  for (int k = 0; k < 4; ++k) st[k] = acc * c[k];
  double hist[4];
  for (int k = 0; k < 4; ++k) hist[k] = std::sin(st[k]);
  double sse = 0.0;
  for (int k = 0; k < 4; ++k) { double m = sse * hist[k]; sse += m + hist[k] * e; }
  return sse;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>

// p = (c[0..4), b, e): the gradient of f(c, b, e) over all six.
template <class F, class G>
double worstOver(double b, double e, F f, G grad) {
  double p[6] = {0.3, -0.6, 0.9, 0.2, b, e}, g[6] = {};
  grad(p, p[4], p[5], g, &g[4], &g[5]);
  return worstRelativeError(p, g, 6, [&] { return f(p, p[4], p[5]); });
}

int main() {
  double worst = 0;
  for (double b : {0.4, 1.7}) {
    worst = std::fmax(worst, worstOver(b, 0.8, in_branch, in_branch_grad));
    worst = std::fmax(worst, worstOver(b, 0.8, nested, nested_grad));
  }
  std::printf("largest relative error vs central differences: %.2e\n", worst);
  return worst < 1e-7 ? 0 : 1;
}
#endif
