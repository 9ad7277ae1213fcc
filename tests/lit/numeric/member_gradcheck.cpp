// --emit-check on marked member functions: S_f_gradcheck(self, x) calls the
// member itself for its central differences (`const_cast<S&>(self).f(x)`,
// `self(x)` for operator(), `S::g(x)` for a static one) and perturbs the
// object's members through `self` (d_self compared too).
// RUN: %gradc %s -o %t.hpp --emit-check -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

namespace m {
struct S {
  double a = 2;
  double b[2] = {1, 3};
  // CHECK: auto primal = [&] { return const_cast<m::S&>(self).f(x); };
  GRADC_GRAD double f(double x) { return a * x * x + b[1] * x; }
  // CHECK: auto primal = [&] { return const_cast<m::S&>(self)(x); };
  GRADC_GRAD double operator()(double x) const { return a * x * b[0]; }
  // CHECK: auto primal = [&] { return m::S::g(x); };
  GRADC_GRAD static double g(double x) { return x * x * x; }
};
}  // namespace m

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

int main() {
  m::S s;
  const gradc::GradCheck r[] = {m::S_f_gradcheck(s, 0.7), m::S_call_gradcheck(s, 0.3), m::S_g_gradcheck(0.4)};
  bool ok = true;
  for (const gradc::GradCheck& c : r) {
    std::printf("worst relative error %.1e (%s)\n", c.error, c.parameter ? c.parameter : "-");
    ok = ok && c.parameter && c.error < 1e-7;
  }
  // (the object is put back bit for bit)
  return !(ok && s.a == 2 && s.b[0] == 1 && s.b[1] == 3);
}
#endif
