// Under a storage budget gradc never keeps more than the budget: a budget
// too small for one state says the least that works; a loop it cannot
// checkpoint yet, or storage it does not checkpoint, is an error, not a
// gradient over budget.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DSMALL | %FileCheck %s --check-prefix=SMALL
// RUN: not test -e %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DINNER | %FileCheck %s --check-prefix=INNER
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DINNERDOWN | %FileCheck %s --check-prefix=INNERDOWN
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DNESTED | %FileCheck %s --check-prefix=NESTED
// RUN: %expect-error %gradc %s -o %t.hpp --storage-budget=100 -- %flags -DDOWN | %FileCheck %s --check-prefix=DOWN
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cmath>

#ifdef SMALL
GRADC_GRAD
double euler(double x0, double y0, double a, int steps) {
  GRADC_STORAGE_BUDGET(16);
  double x = x0, y = y0;
  // SMALL: ckpt_budget_errors.cpp:[[@LINE+1]]:3: error: a storage budget of 16 bytes cannot hold one state of this loop (needed for 'x' and the others it carries, with its step number): the least budget that works is 20 bytes
  for (int k = 0; k < steps; ++k) {
    double dx = y, dy = -a * std::sin(x);
    x = x + 0.01 * dx;
    y = y + 0.01 * dy;
  }
  return x;
}
#endif

#ifdef INNER
GRADC_GRAD_WRT(w)
double rnn(const double* w, int steps, int n) {
  GRADC_STORAGE_BUDGET(4096);
  double h = 0.5;
  // INNER: ckpt_budget_errors.cpp:[[@LINE+1]]:3: error: under a storage budget of 4096 bytes this loop must be checkpointed, and it keeps 's' for each trip of an inner loop whose trip count is known only at run time (index a fixed-size local array by its counter, or give it a constant bound)
  for (int t = 0; t < steps; ++t) {
    double s = 0.0;
    for (int j = 0; j < n; ++j) {  // a running sum: not checkpointed, so its inner loop keeps a per (j, m)
      double a = h * w[j];
      for (int m = 0; m < 3; ++m) a = std::sin(a);
      s = s + a;
    }
    h = std::tanh(s);
  }
  return h;
}
#endif

#ifdef INNERDOWN
GRADC_GRAD_WRT(a)
double inner_down(double a, int steps, int n) {
  GRADC_STORAGE_BUDGET(4096);
  double x = a;
  for (int t = 0; t < steps; ++t) {
    double y = x;
    // INNERDOWN: ckpt_budget_errors.cpp:[[@LINE+1]]:5: error: under a storage budget of 2048 bytes (half of the enclosing loop's) this loop must be checkpointed, and it does not count up by one
    for (int k = n - 1; k >= 0; --k) y = std::sin(y * k);
    x = x + 0.01 * y;
  }
  return x;
}
#endif

#ifdef NESTED
GRADC_GRAD_WRT(a)
double nested(double a, const double* w, int n) {
  GRADC_STORAGE_BUDGET(64);
  double s = 0.0;
  for (int i = 0; i < n; ++i) {  // a running sum: nothing kept per iteration
    double h = a * w[i];
    // NESTED: ckpt_budget_errors.cpp:[[@LINE+1]]:5: error: the reverse sweep would keep as many values as the loop runs iterations for 'h' here, over the storage budget of 64 bytes
    for (int j = 0; j < n; ++j) h = std::sin(h * w[j]);
    s = s + h;
  }
  return s;
}
#endif

#ifdef DOWN
GRADC_GRAD
double down(double a, int n) {
  double x = a;
  // DOWN: ckpt_budget_errors.cpp:[[@LINE+1]]:3: error: under a storage budget of 100 bytes this loop must be checkpointed, and it does not count up by one
  for (int k = n - 1; k >= 0; --k) x = std::sin(x * k);
  return x;
}
#endif
