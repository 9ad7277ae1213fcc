// Structs as values: locals initialized with braces or member by member,
// helpers returning a struct, by-value struct parameters and small operator
// overloads are scalar-replaced in the lowering (one variable per member).
// Each gradient is checked against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

struct V {
  double a, b;
};

struct Vec3 {
  double x, y, z;
};

struct Body {
  Vec3 pos;
  double w[3];
  int n = 3;
};

static V mk(double x) {
  V v;
  v.a = x * x;
  v.b = x;
  return v;
}

static Vec3 operator+(Vec3 p, Vec3 q) { return {p.x + q.x, p.y + q.y, p.z + q.z}; }
static Vec3 operator*(double s, const Vec3& p) { return Vec3{s * p.x, s * p.y, s * p.z}; }
static double dot(Vec3 p, const Vec3& q) { return p.x * q.x + p.y * q.y + p.z * q.z; }
static double operator*(const Vec3& p, const Vec3& q) { return dot(p, q); }

GRADC_GRAD
double from_helper(double x) {
  V v = mk(x);
  return v.a * v.b;
}

GRADC_GRAD
double swap_copy(double x, double y) {
  V p{x, y};
  V q = {std::sin(y), x * y};
  p = q;         // a copy
  q = {q.b, q.a};  // reads what it writes: built apart, then copied
  q.a += p.b * 2.0;
  return p.a * q.a + q.b;
}

GRADC_GRAD
double vectors(const double* u, double s) {
  Vec3 p{u[0], u[1], u[2]};
  Vec3 q{u[2], u[0] * u[1], 1.0};
  Vec3 r = p + s * q;
  Vec3 t = r + r;
  return dot(t, p) + r * q;
}

GRADC_GRAD
double nested(const double* u) {
  Body b{{u[0], u[1], u[2]}, {u[1], 2.0 * u[2]}};
  Body c = b;
  c.w[2] = c.pos.x * c.w[0];
  c.pos = (c.w[1] + 1.0) * c.pos;
  double s = 0;
  for (int i = 0; i < c.n; ++i) s += c.w[i] * b.w[i] + c.pos.y;
  return s;
}

// Loop-carried struct state: the overwritten members are taped.
static V step(V x, double u) { return {x.a + 0.1 * x.b, x.b + 0.1 * (u - x.a * x.a)}; }

GRADC_GRAD
double rollout(const double* u, int n, double a0) {
  V x{a0, 0.5};
  double cost = 0;
  for (int k = 0; k < n; ++k) {
    x = step(x, u[k]);
    cost += x.a * x.a + 0.01 * u[k] * u[k];
  }
  return cost + x.b * x.b;
}

GRADC_GRAD
double rollout5(const double* u, double a0) {
  V x{a0, 0.5};
  for (int k = 0; k < 5; ++k) {
    V next = step(x, u[k]);
    x = next;
  }
  return x.a * x.b;
}

// A local object whose member functions write its members.
struct Acc {
  double s = 0;
  double w[2] = {1.0, 0.5};
  void add(double v) { s += w[0] * v * v; w[0] = w[1] * v; }
  double get() const { return s + w[0]; }
};

GRADC_GRAD
double accumulate(const double* x) {
  Acc a;
  for (int i = 0; i < 3; ++i) a.add(x[i]);
  return a.get();
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>
#include <vector>

#include "Inputs/central_difference.hpp"

int main() {
  int bad = 0;
  auto report = [&](const char* name, double err) {
    std::printf("%s: %.3g\n", name, err);
    if (!(err < 1e-6)) bad = 1;
  };
  {
    double x = 0.7, dx = 0;
    from_helper_grad(x, &dx);
    report("from_helper", worstRelativeError(&x, &dx, 1, [&] { return from_helper(x); }));
  }
  {
    double p[2] = {0.7, -1.3}, g[2] = {0, 0};
    swap_copy_grad(p[0], p[1], &g[0], &g[1]);
    report("swap_copy", worstRelativeError(p, g, 2, [&] { return swap_copy(p[0], p[1]); }));
  }
  {
    double u[3] = {0.3, -1.1, 0.8}, du[3] = {0, 0, 0}, s = 1.7, ds = 0;
    vectors_grad(u, s, du, &ds);
    report("vectors u", worstRelativeError(u, du, 3, [&] { return vectors(u, s); }));
    report("vectors s", worstRelativeError(&s, &ds, 1, [&] { return vectors(u, s); }));
  }
  {
    double u[3] = {0.3, -1.1, 0.8}, du[3] = {0, 0, 0};
    nested_grad(u, du);
    report("nested", worstRelativeError(u, du, 3, [&] { return nested(u); }));
  }
  {
    double u[7] = {0.3, -1.1, 0.8, 0.2, -0.4, 1.5, 0.1}, du[7] = {}, a0 = 0.4, da0 = 0;
    std::vector<unsigned char> work(rollout_grad_work_bytes(7));
    rollout_grad(u, 7, a0, du, &da0, work.data(), work.size());
    report("rollout u", worstRelativeError(u, du, 7, [&] { return rollout(u, 7, a0); }));
    report("rollout a0", worstRelativeError(&a0, &da0, 1, [&] { return rollout(u, 7, a0); }));
  }
  {
    double u[5] = {0.3, -1.1, 0.8, 0.2, -0.4}, du[5] = {}, a0 = 0.4, da0 = 0;
    rollout5_grad(u, a0, du, &da0);
    report("rollout5 u", worstRelativeError(u, du, 5, [&] { return rollout5(u, a0); }));
    report("rollout5 a0", worstRelativeError(&a0, &da0, 1, [&] { return rollout5(u, a0); }));
  }
  {
    double x[3] = {0.3, -1.1, 0.8}, dx[3] = {};
    accumulate_grad(x, dx);
    report("accumulate", worstRelativeError(x, dx, 3, [&] { return accumulate(x); }));
  }
  return bad;
}
#endif
