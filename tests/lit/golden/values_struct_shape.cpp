// A struct local is one variable per member, named for it (`x_a`); a helper
// returning a struct writes its members (`next_a`); the loop-carried member
// the reverse sweep needs is taped, and nothing of the struct is left.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

#include <array>

struct V {
  double a, b;
};

static V step(V x, double u) { return {x.a + 0.1 * x.b, x.b + 0.1 * (u - x.a * x.a)}; }

// CHECK-LABEL: inline double rollout_grad(
// CHECK: double x_a = a0;
// CHECK-NEXT: double x_b = 0.5;
// CHECK: double x_a_tape[5];
// CHECK: x_a_tape[k] = x_a;
// CHECK: double next_a = x_a_1 + 0.1 * x_b_1;
// CHECK-NEXT: double next_b = x_b_1 + 0.1 * (u_1 - x_a_1 * x_a_1);
// CHECK: x_a = next_a;
// CHECK-NEXT: x_b = next_b;
// CHECK: x_a = x_a_tape[k];
// CHECK-NOT: {{^ *V }}
// CHECK: return rollout;
GRADC_GRAD
double rollout(const double* u, double a0) {
  V x{a0, 0.5};
  for (int k = 0; k < 5; ++k) {
    V next = step(x, u[k]);
    x = next;
  }
  return x.a * x.b;
}

// std::array: a local array named for the variable, indexed without casts;
// data() passes it whole, size() is the constant N.
// CHECK-LABEL: inline double norm2_grad(
// CHECK: double v[3];
// CHECK: v[0] = x;
// CHECK-NEXT: v[1] = y;
// CHECK-NEXT: v[2] = x * y;
// CHECK: int n = static_cast<int>(3);
// CHECK: s = s + v[i] * v[i];
// CHECK: return norm2;
static double sum_sq(const double* p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += p[i] * p[i];
  return s;
}

GRADC_GRAD
double norm2(double x, double y) {
  std::array<double, 3> v{x, y, x * y};
  return sum_sq(v.data(), static_cast<int>(v.size()));
}
