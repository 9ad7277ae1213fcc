// std::array and struct parameters of the marked function, by value and by
// const reference: the gradient takes them as `const T&` and their adjoints
// as `T*` (`std::array<double, 2>* d_x`, `Lin* d_lin`); a by-value one is
// copied first, so the body may write it (`x = step(x, u[k])`).
// RUN: %gradc %s -o %t.hpp -- %flags -I%S
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp -I%S
#include <gradc/gradc.h>

#include <array>
#include <cmath>

#include "Inputs/lin.hpp"

static std::array<double, 2> step(std::array<double, 2> x, double u) { return {x[0] + 0.1 * x[1], x[1] + 0.1 * u}; }

// CHECK-LABEL: inline double roll_grad(
// CHECK-SAME: const std::array<double, 2>& x, const double* u, std::array<double, 2>* GRADC_RESTRICT d_x, double* GRADC_RESTRICT d_u)
GRADC_GRAD
double roll(std::array<double, 2> x, const double* u) {
  for (int k = 0; k < 5; ++k) x = step(x, u[k]);
  return x[0] * x[0] + std::sin(x[1]);
}

// CHECK-LABEL: inline double weigh_grad(
// CHECK-SAME: const std::array<double, 3>& y, const Lin& lin, std::array<double, 3>* GRADC_RESTRICT d_y, Lin* GRADC_RESTRICT d_lin)
GRADC_GRAD
double weigh(const std::array<double, 3>& y, Lin lin) {
  lin.b *= y[0];
  double s = 0;
  for (std::size_t i = 0; i < y.size(); ++i) s += lin.w[i] * y[i] * y[i];
  return s + lin.apply(y.data());
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  int bad = 0;
  auto report = [&](const char* name, double err) {
    std::printf("%s: %.3g\n", name, err);
    if (!(err < 1e-6)) bad = 1;
  };
  {
    std::array<double, 2> x{0.4, -0.3}, dx{};
    double u[5] = {0.3, -1.1, 0.8, 0.2, -0.4}, du[5] = {};
    double value = roll_grad(x, u, &dx, du);
    if (value != roll(x, u)) bad = 1;
    report("roll x", worstRelativeError(x.data(), dx.data(), 2, [&] { return roll(x, u); }));
    report("roll u", worstRelativeError(u, du, 5, [&] { return roll(x, u); }));
  }
  {
    std::array<double, 3> y{0.4, -0.3, 1.2}, dy{};
    Lin lin{{0.5, -0.25, 1.5}, 0.1}, dlin{{0, 0, 0}, 0};
    weigh_grad(y, lin, &dy, &dlin);
    report("weigh y", worstRelativeError(y.data(), dy.data(), 3, [&] { return weigh(y, lin); }));
    report("weigh w", worstRelativeError(lin.w, dlin.w, 3, [&] { return weigh(y, lin); }));
    report("weigh b", worstRelativeError(&lin.b, &dlin.b, 1, [&] { return weigh(y, lin); }));
  }
  return bad;
}
#endif
