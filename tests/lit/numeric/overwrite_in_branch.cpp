// Elements overwritten under an `if` in a loop. Each reverse iteration puts
// back what its iteration overwrote before recomputing it; for a write under
// an `if` the element is also saved before the loop body's outermost `if`,
// whether the branch runs or not, and that value is what goes back. These
// were rejected ("inside an 'if' in a loop"). Checked against central
// differences (points off the branches' switching values), with buffers of
// exactly the size asked for, and the caller's arrays unchanged.
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <cmath>
#include <utility>

#include "Inputs/array_rules.hpp"

// CHECK-LABEL: inline double clip_in_place_grad(
// CHECK: a_before_if[{{.*}}] = a[i];
// CHECK-NEXT: if (
GRADC_GRAD
double clip_in_place(const double* x) {
  double a[4];
  for (int i = 0; i < 4; ++i) a[i] = x[i];
  for (int i = 0; i < 4; ++i)
    if (a[i] > 1.0) a[i] = a[i] * 0.5;
  return a[0] * a[1] + a[2] * a[3];
}

// Declared in the outer loop, overwritten under an `if` in the inner one.
GRADC_GRAD
double rows_in_place(const double* x) {
  double e = 0.0;
  for (int t = 0; t < 3; ++t) {
    double a[4];
    for (int i = 0; i < 4; ++i) a[i] = x[i] * (t + 1);
    for (int i = 0; i < 4; ++i)
      if (a[i] > 1.0) a[i] = a[i] * a[(i + 1) % 4];
    e += a[0] * a[3];
  }
  return e;
}

// A sort: a swap under an `if` in two loops.
GRADC_GRAD_WRT(x)
double bubble_sort(const double* x) {
  double a[5] = {x[0], x[1], x[2], x[3], x[4]};
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j + 1 < 5 - i; ++j)
      if (a[j] > a[j + 1]) std::swap(a[j], a[j + 1]);
  return a[0] + 2 * a[1] + 3 * a[2] + 4 * a[3] * a[3] + 5 * a[4];
}

// Nested branches, both arms writing, and a write after them, in a loop of
// run-time length.
GRADC_GRAD_WRT(x)
double branchy_updates(const double* x, int n) {
  double a[4] = {x[0], x[1], x[2], x[3]};
  for (int t = 0; t < n; ++t) {
    const int i = t % 4;
    if (a[i] > 0.5) {
      a[i] = a[i] * a[(i + 1) % 4];
      if (a[i] < 0) a[i] += x[i];
    } else {
      a[(i + 1) % 4] -= 0.3 * a[i] * a[i];
    }
    a[i] = std::tanh(a[i]);
  }
  return a[0] + 2 * a[1] + 3 * a[2] + 4 * a[3];
}

// Beside a function with an array rule reading the array before and after.
GRADC_GRAD
double rule_then_clear(const double* w) {
  double z[3];
  for (int k = 0; k < 3; ++k) z[k] = w[k] * w[k];
  const double l = losses::softmax_xent(z, 0, 3);
  for (int k = 0; k < 3; ++k)
    if (l > 1) z[k] = 0.5 * z[k];
  return l + losses::softmax_xent(z, 1, 3);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  const std::vector<std::vector<double>> points = {
      {0.3, -1.2, 2.0, 0.9, 0.1}, {2.0, 1.05, 0.55, -0.5, -1.0}, {-1.0, -0.45, 0.45, 1.1, 2.0}, {0.7, 0.75, 0.2, 1.9, -0.3}};
  for (const std::vector<double>& p : points) {
    std::vector<double> x(p.begin(), p.begin() + 4), dx(4, 0.0);
    bad |= clip_in_place_grad(x.data(), dx.data()) != clip_in_place(x.data());
    bad |= !reportGradient("clip_in_place", x, dx, [&] { return clip_in_place(x.data()); });
    std::fill(dx.begin(), dx.end(), 0.0);
    bad |= rows_in_place_grad(x.data(), dx.data()) != rows_in_place(x.data());
    bad |= !reportGradient("rows_in_place", x, dx, [&] { return rows_in_place(x.data()); });
    std::vector<double> x5 = p, dx5(5, 0.0);
    std::vector<unsigned char> w5(bubble_sort_grad_work_bytes());
    bad |= bubble_sort_grad(x5.data(), dx5.data(), w5.data(), w5.size()) != bubble_sort(x5.data());
    bad |= !reportGradient("bubble_sort", x5, dx5, [&] { return bubble_sort(x5.data()); });
    bad |= x5 != p;
    for (int n : {0, 1, 5, 13}) {
      std::fill(dx.begin(), dx.end(), 0.0);
      std::vector<unsigned char> w(branchy_updates_grad_work_bytes(n));
      bad |= branchy_updates_grad(x.data(), n, dx.data(), w.data(), w.size()) != branchy_updates(x.data(), n);
      bad |= !reportGradient("branchy_updates", x, dx, [&] { return branchy_updates(x.data(), n); });
    }
    std::vector<double> w3(p.begin(), p.begin() + 3), dw3(3, 0.0);
    bad |= rule_then_clear_grad(w3.data(), dw3.data()) != rule_then_clear(w3.data());
    bad |= !reportGradient("rule_then_clear", w3, dw3, [&] { return rule_then_clear(w3.data()); });
  }
  return bad;
}
#endif
