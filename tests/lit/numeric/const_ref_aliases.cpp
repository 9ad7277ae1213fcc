// A helper's `const double&` parameter is the caller's variable, not a copy
// made at the call: the helper may change that variable through another name
// (a `double&` or pointer parameter given the same variable, the object of a
// member function, a lambda's capture) and then read the parameter again.
// Each function's value and gradient are checked against the source compiled
// as it is and central differences; a copy gave other values (alias_params:
// -0.082 for 1.656).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

inline void addsq(const double& in, double& out) {
  out = in * in;
  out += in;
}
GRADC_GRAD
double alias_params(double x, double y) {
  double a = x * y;
  addsq(a, a);
  return a;
}

inline void scale_first(const double& v, double* arr) {
  arr[0] = 2 * v;
  arr[1] = v * arr[0];
}
GRADC_GRAD
double alias_element(double x, double y) {
  double t[2] = {x, y};
  scale_first(t[0], t);
  return t[0] + t[1] * y;
}

struct Acc {
  double x, y;
  void update(const double& v) {
    x = 2 * v;
    y = v * x;
  }
};
GRADC_GRAD
double alias_object_member(double x, double y) {
  Acc s{x, y};
  s.update(s.x);
  return s.x + s.y * y;
}

GRADC_GRAD
double alias_lambda_capture(double x, double y) {
  Acc s{x, y};
  auto f = [&](const double& v) {
    s.x = 3 * v;
    return v * s.x;
  };
  double r = f(s.x);
  return r + s.y;
}

// Given a temporary, the parameter is the temporary's copy.
GRADC_GRAD
double temporary_argument(double x, double y) {
  double a = x;
  addsq(x * y, a);
  return a;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <functional>
#include <vector>

namespace {

int bad = 0;

void check(const char* what, double (*f)(double, double), double (*grad)(double, double, double*, double*)) {
  for (double y0 : {-1.3, 0.6}) {
    std::vector<double> p = {0.7, y0}, dp(2, 0.0);
    const double v = grad(p[0], p[1], &dp[0], &dp[1]);
    if (v != f(p[0], p[1])) {
      std::printf("%s: value %.17g, the source's %.17g\n", what, v, f(p[0], p[1]));
      bad = 1;
    }
    bad |= !reportGradient(what, p, dp, [&] { return f(p[0], p[1]); });
  }
}

}  // namespace

int main() {
  check("alias_params", alias_params, alias_params_grad);
  check("alias_element", alias_element, alias_element_grad);
  check("alias_object", alias_object_member, alias_object_member_grad);
  check("alias_lambda", alias_lambda_capture, alias_lambda_capture_grad);
  check("temporary_arg", temporary_argument, temporary_argument_grad);
  return bad;
}
#endif
