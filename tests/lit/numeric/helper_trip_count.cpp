// A loop whose bound is an inlined helper's int parameter (ADBench's
// arr_max(n, v), an LSTM cell's hsize) keeps its carried values in the work
// buffer, sized from the caller's parameter; it was rejected ("its trip count
// depends on values computed in the function"). A constant argument gives
// automatic storage.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <cmath>

inline double roll(int n, const double* v) {
  double s = 1.0;
  for (int i = 0; i < n; ++i) s = std::sin(s * v[i] + 0.5);
  return s;
}

// CHECK: inline std::size_t rolled_grad_work_bytes(int len) {
GRADC_GRAD_WRT(x)
double rolled(int len, const double* x) {
  const int half = len / 2;
  return roll(len, x) + roll(half, x + 1);
}

// CHECK-LABEL: inline double rolled4_grad(
// CHECK: double s_tape[4];
GRADC_GRAD
double rolled4(const double* x) { return roll(4, x); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <vector>

int main() {
  int bad = 0;
  for (int len : {0, 1, 5, 6}) {
    std::vector<double> x = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 0.5}, g(7, 0.0);
    std::vector<unsigned char> work(rolled_grad_work_bytes(len) + 8);
    void* w = work.data() + (8 - reinterpret_cast<std::uintptr_t>(work.data()) % 8) % 8;
    rolled_grad(len, x.data(), g.data(), w, rolled_grad_work_bytes(len));
    bad |= !reportGradient("rolled", x, g, [&] { return rolled(len, x.data()); });
  }
  std::vector<double> x = {0.3, -0.7, 1.1, 0.2}, g(4, 0.0);
  rolled4_grad(x.data(), g.data());
  bad |= !reportGradient("rolled4", x, g, [&] { return rolled4(x.data()); });
  return bad;
}
#endif
