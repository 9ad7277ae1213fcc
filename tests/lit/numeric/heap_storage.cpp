// Heap storage of a size known when gradc runs (peer suites' `double* p =
// new double(x); ... delete p;` and `(double*)malloc(sizeof(double))`): the
// generated code never allocates. A scalar made by new or malloc is a local
// that the pointer names (`p_value`), `new T[N]`, `malloc(N * sizeof(T))`
// and `calloc(N, sizeof(T))` with N constant are local arrays (`t_storage`,
// zeroed for `new T[N]()` and calloc), and delete, delete[] and free of them
// are nothing. A run-time size, a mismatched release, a moved pointer and
// realloc stay rejected: diagnostics/heap_storage.cpp.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>
#include <cstdlib>

// A scalar made by `new`: a local that p points to.
// CHECK-LABEL: inline double new_scalar_grad(
// CHECK: // line [[@LINE+5]]: double* p = new double(x);
// CHECK-NEXT: double p_value = x;
// CHECK-NOT: {{^ +[^/ ].*((malloc|calloc|free)\(|= new |delete )}}
GRADC_GRAD
double new_scalar(double x) {
  double* p = new double(x);
  *p = *p * *p + x;
  double r = *p;
  delete p;
  return r;
}

// malloc of one element and of a constant count, read and written by index.
// CHECK-LABEL: inline double malloc_array_grad(
// CHECK: double one_value = {{.*}};
// CHECK: double t_storage[3];
// CHECK-NOT: {{^ +[^/ ].*((malloc|calloc|free)\(|= new |delete )}}
GRADC_GRAD
double malloc_array(const double* x) {
  double* one = (double*)malloc(sizeof(double));
  *one = x[0] * x[1];
  double* t = static_cast<double*>(std::malloc(3 * sizeof(double)));
  for (int i = 0; i < 3; ++i) t[i] = std::sin(x[i]) * *one;
  double s = 0;
  for (int i = 0; i < 3; ++i) s += t[i] * x[i];
  free(t);
  std::free(one);
  return s;
}

double dot3(const double* a, const double* b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

// Zeroed storage (`new T[N]()`, calloc), passed to a helper.
// CHECK-LABEL: inline double zeroed_grad(
// CHECK: double a_storage[3] = {};
// CHECK: double b_storage[3] = {};
// CHECK-NOT: {{^ +[^/ ].*((malloc|calloc|free)\(|= new |delete )}}
GRADC_GRAD
double zeroed(double x, double y) {
  double* a = new double[3]();
  double* b = (double*)calloc(3, sizeof(double));
  a[1] = x * y;
  b[1] = y;
  b[2] = x;
  double r = dot3(a, b) + a[0] + b[0];
  delete[] a;
  free(b);
  return r;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"

int main() {
  bool ok = true;
  {
    std::vector<double> p = {0.7}, d(1, 0.0);
    ok &= new_scalar_grad(p[0], &d[0]) == new_scalar(p[0]);
    ok &= std::fabs(d[0] - (2 * p[0] + 1)) < 1e-15;  // d/dx (x^2 + x)
    ok &= reportGradient("new_scalar", p, d, [&] { return new_scalar(p[0]); });
  }
  {
    std::vector<double> x = {0.3, -1.2, 0.8}, d(3, 0.0);
    ok &= malloc_array_grad(x.data(), d.data()) == malloc_array(x.data());
    // s = x0 x1 sum_i sin(x_i) x_i
    double q = 0, by_hand[3];
    for (int i = 0; i < 3; ++i) q += std::sin(x[i]) * x[i];
    for (int i = 0; i < 3; ++i) by_hand[i] = x[0] * x[1] * (std::cos(x[i]) * x[i] + std::sin(x[i]));
    by_hand[0] += x[1] * q;
    by_hand[1] += x[0] * q;
    double vs_hand = 0;
    for (int i = 0; i < 3; ++i) vs_hand = std::fmax(vs_hand, std::fabs(d[i] - by_hand[i]));
    std::printf("malloc_array vs hand-written %.1e\n", vs_hand);
    ok &= vs_hand < 1e-14;
    ok &= reportGradient("malloc_array", x, d, [&] { return malloc_array(x.data()); });
  }
  {
    std::vector<double> p = {1.3, -0.4}, d(2, 0.0);
    ok &= zeroed_grad(p[0], p[1], &d[0], &d[1]) == zeroed(p[0], p[1]);
    // r = x y^2 (a = {0, x y, 0}, b = {0, y, x})
    ok &= std::fabs(d[0] - p[1] * p[1]) < 1e-15 && std::fabs(d[1] - 2 * p[0] * p[1]) < 1e-15;
    ok &= reportGradient("zeroed", p, d, [&] { return zeroed(p[0], p[1]); });
  }
  return ok ? 0 : 1;
}
#endif
