// Static member functions called by the class's name (`Mat4::identity()`,
// `V2::make(a, b)`, `V2::dot(u, w)`): inlined like any helper (they were
// rejected as "member functions are called on struct parameters and struct
// locals only").
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

struct V2 {
  double x, y;
  static V2 make(double a, double b) {
    V2 v = {a, b};
    return v;
  }
  static double dot(const V2& a, const V2& b) { return a.x * b.x + a.y * b.y; }
};

GRADC_GRAD
double statics(double a, double b) {
  const V2 u = V2::make(a, b * b);
  const V2 w = V2::make(1.0, 2.0);
  return V2::dot(u, u) + V2::dot(u, w);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cmath>
#include <cstdio>

int main() {
  const double a = 0.7, b = -1.3;
  double d_a = 0.0, d_b = 0.0;
  const double value = statics_grad(a, b, &d_a, &d_b);
  // by hand: f = a^2 + b^4 + a + 2 b^2
  const double vs_hand = std::fmax(std::fabs(d_a - (2 * a + 1)), std::fabs(d_b - (4 * b * b * b + 4 * b)));
  const double h = 1e-6;
  const double vs_fd = std::fmax(std::fabs(d_a - (statics(a + h, b) - statics(a - h, b)) / (2 * h)),
                                 std::fabs(d_b - (statics(a, b + h) - statics(a, b - h)) / (2 * h)));
  std::printf("value %.9f, vs hand-written %.1e, vs central differences %.1e\n", value, vs_hand, vs_fd);
  return !(value == statics(a, b)) || !(vs_hand < 1e-14) || !(vs_fd < 1e-8);
}
#endif
