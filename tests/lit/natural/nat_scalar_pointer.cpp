// A helper's pointer parameter given the address of a scalar local or
// parameter (`weight_error(&w, &werr)`, as BA's residual helpers are called):
// `*p`, `(*p)`, `p[0]`, `*p += e`, a reference `double& r = *p;` and passing
// the pointer on are that variable. (It was rejected: "passing '&werr' to
// parameter 'err' ... pass an array, a pointer parameter or a pointer into an
// array".)
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

inline void square_into(const double* a, double* out) { *out = (*a) * a[0]; }

inline void weight_error(const double* w, double* err) {
  square_into(w, err);
  *err = 1.0 - *err;
  double& e = *err;
  e *= std::sin(*w);
  err[0] += 0.5 * (*w);
}

// CHECK-LABEL: inline double scalar_pointers_grad(
// CHECK: werr = 1.0 - werr
GRADC_GRAD
double scalar_pointers(const double* w, double s, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    double werr;
    weight_error(&w[i], &werr);
    sum += werr * werr;
  }
  double serr;
  weight_error(&s, &serr);
  return sum + serr;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"

// By hand: e(w) = (1 - w^2) sin w + w / 2, e' = -2 w sin w + (1 - w^2) cos w + 1/2.
static double e(double w) { return (1 - w * w) * std::sin(w) + 0.5 * w; }
static double de(double w) { return -2 * w * std::sin(w) + (1 - w * w) * std::cos(w) + 0.5; }

int main() {
  std::vector<double> w = {0.3, -1.1, 0.8, 2.0}, d_w(4, 0.0);
  double s = 0.6, d_s = 0.0;
  const double value = scalar_pointers_grad(w.data(), s, 4, d_w.data(), &d_s);
  double vs_hand = std::fabs(d_s - de(s));
  for (int i = 0; i < 4; ++i) vs_hand = std::fmax(vs_hand, std::fabs(d_w[i] - 2 * e(w[i]) * de(w[i])));
  const double vs_fd = worstRelativeError(w, d_w, [&] { return scalar_pointers(w.data(), s, 4); });
  const double fd_s = (scalar_pointers(w.data(), s + 1e-6, 4) - scalar_pointers(w.data(), s - 1e-6, 4)) / 2e-6;
  std::printf("value %.9f, vs hand-written %.1e, vs central differences %.1e, %.1e\n", value, vs_hand, vs_fd,
              std::fabs(fd_s - d_s));
  return !(value == scalar_pointers(w.data(), s, 4)) || !(vs_hand < 1e-14) || !(vs_fd < 1e-8) ||
         !(std::fabs(fd_s - d_s) < 1e-8);
}
#endif
