// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>
#include <cmath>

GRADC_GRAD
double euler(double x0, double k, int n) {
  double x = x0;
  int steps = static_cast<int>(x0 * 10.0) + n;  // (an int set once from f's int parameters is fine)
  // CHECK: runtime_storage.cpp:[[@LINE+1]]:3: error: the reverse sweep must keep 'x' from every iteration of this loop, and its trip count depends on values computed in the function
  for (int t = 0; t < steps; ++t) x = x + 0.1 * std::sin(k * x);
  return x;
}

// A trip count read from a struct parameter's member: f_grad_work_bytes takes
// int parameters only (this once gave a header that did not compile, with
// `s_n` undeclared in sn_grad_work_bytes).
struct Steps {
  int n;
  double k;
};

GRADC_GRAD
double member_count(const Steps& s, const double* x) {
  double y = 1;
  // CHECK: runtime_storage.cpp:[[@LINE+1]]:3: error: the reverse sweep must keep 'y' from every iteration of this loop, and its trip count depends on values computed in the function or read from a struct or std::vector
  for (int i = 0; i < s.n; ++i) y = std::sin(y * x[i] * s.k);
  return y;
}
