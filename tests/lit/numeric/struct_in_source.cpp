// A struct parameter whose struct is defined in the source file (it was
// rejected: "its definition in the source file, where the generated header
// cannot see it"): the header names it, says in its top comment to include it
// after the definition, and checks the struct's size and alignment there. By
// const reference and by value (GMM's Wishart prior, as ADBench passes it).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check %s %t.hpp
// RUN: %FileCheck %s --check-prefix=ALONE < %t.hpp
// RUN: not %gxx -std=c++17 -fsyntax-only -I%S/../../../runtime/include -x c++ %t.hpp 2>&1 | %FileCheck %s --check-prefix=MISSING
// RUN: not %gxx -std=c++17 -fsyntax-only -I%S/../../../runtime/include -include %S/Inputs/other_params.hpp -x c++ %t.hpp 2>&1 | %FileCheck %s --check-prefix=OTHER
#include <gradc/gradc.h>

// CHECK: // Include this header after the definitions of Params (struct_in_source.cpp:[[#@LINE+3]]), Wishart (struct_in_source.cpp:[[#@LINE+7]]),
// CHECK: static_assert(sizeof(Params) == 16 && alignof(Params) == 8, "gradc: this header takes the struct Params of struct_in_source.cpp:[[#@LINE+2]]; include it after that definition");
// ALONE-NOT: #include "struct_in_source.cpp"
struct Params {
  double w, b;
};

struct Wishart {
  double gamma;
  int m;
};

// CHECK: inline double f_grad(double x, const Params& p, double* d_x, Params* GRADC_RESTRICT d_p)
GRADC_GRAD
double f(double x, const Params& p) { return p.w * x * x + p.b; }

// CHECK: inline double prior_grad(const double* a, const Wishart& wishart, double* GRADC_RESTRICT d_a)
GRADC_GRAD_WRT(a)
double prior(const double* a, Wishart wishart) { return 0.5 * wishart.gamma * wishart.gamma * a[0] * a[0] - wishart.m * a[1]; }

// MISSING: error: {{.*}}Params
// OTHER: static assertion failed{{.*}}gradc: this header takes the struct Params of struct_in_source.cpp

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cmath>
#include <cstdio>

int main() {
  const Params p{1.5, -0.25};
  const double x = 0.8, h = 1e-6;
  Params d_p{};
  double d_x = 0;
  double v = f_grad(x, p, &d_x, &d_p);
  double fd_w = (f(x, {p.w + h, p.b}) - f(x, {p.w - h, p.b})) / (2 * h);
  double err = std::fmax(std::fabs(d_x - 2 * p.w * x), std::fabs(d_x - (f(x + h, p) - f(x - h, p)) / (2 * h)));
  err = std::fmax(err, std::fmax(std::fabs(d_p.w - x * x), std::fabs(d_p.w - fd_w)));
  err = std::fmax(err, std::fabs(d_p.b - 1.0));
  const Wishart wi{1.3, 2};
  const double a[2] = {0.6, -0.4};
  double d_a[2] = {0, 0};
  double pv = prior_grad(a, wi, d_a);
  err = std::fmax(err, std::fmax(std::fabs(d_a[0] - wi.gamma * wi.gamma * a[0]), std::fabs(d_a[1] + wi.m)));
  std::printf("f %.6f prior %.6f worst error %.1e\n", v, pv, err);
  return !(v == f(x, p)) || !(pv == prior(a, wi)) || !(err < 1e-8);
}
#endif
