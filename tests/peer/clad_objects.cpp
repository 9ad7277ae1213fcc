// Clad-style (test/Gradient/UserDefinedTypes.C, Constructors.C,
// STLCustomDerivatives.C, MemberFunctions.C, Functors.C, NonDifferentiable.C,
// Pointers.C): more of what the peers' suites hold most of: local objects of
// class type, member functions and functors, local pointers and references,
// calls used as statements, globals. Added so the corpus keeps the peers'
// proportions (see docs/peer.md).
#include <gradc/gradc.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "peer_types.hpp"

// @@ 1.5; 0.5
struct Dual2 {
  double v, d;
  Dual2 operator+(const Dual2& o) const { return {v + o.v, d + o.d}; }
  Dual2 operator*(const Dual2& o) const { return {v * o.v, v * o.d + d * o.v}; }
};
GRADC_GRAD
double operator_overloads(double x, double y) {
  Dual2 a{x, 1}, b{y, 0};
  Dual2 c = a * b + a * a;
  return c.v + c.d * y;
}

// @@ 0.6; 1.4
GRADC_GRAD
double vec3_local_cross(double x, double y) {
  Vec3 a{x, y, 1}, b{y, 1, x};
  Vec3 c{a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
  return c.x * c.x + c.y * c.y + c.z * c.z;
}

// @@ 0.5; 1.5
GRADC_GRAD
double struct_copy_and_modify(double x, double y) {
  Vec2 a{x, y};
  Vec2 b = a;
  b.x *= y;
  a.y = b.x + a.x;
  return a.y * b.x;
}

// @@ 1.2; 0.4
GRADC_GRAD
double struct_array_local(double x, double y) {
  Vec2 pts[3] = {{x, y}, {y, x}, {x * y, 1}};
  double s = 0;
  for (int i = 0; i < 3; ++i) s += pts[i].x * pts[i].y;
  return s;
}

// @@ 0.5; 1.5
GRADC_GRAD
double std_pair_make(double x, double y) {
  auto p = std::make_pair(x * y, x + y);
  return p.first * p.second;
}

// @@ 0.5; 1.5; 3
GRADC_GRAD
double std_vector_resize(double x, double y, int n) {
  std::vector<double> v(n);
  for (int i = 0; i < n; ++i) v[i] = x * i + y;
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}

// @@ 0.7; 1.3
GRADC_GRAD
double std_array_fill(double x, double y) {
  std::array<double, 4> a;
  a.fill(x);
  a[2] = y;
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * (i + 1);
  return s * y;
}

// @@ 0.8; 1.6
class Rect {
 public:
  Rect(double w, double h) : w_(w), h_(h) {}
  double area() const { return w_ * h_; }
  double perimeter() const { return 2 * (w_ + h_); }

 private:
  double w_, h_;
};
GRADC_GRAD
double class_private_members(double w, double h) {
  Rect r(w, h);
  return r.area() / r.perimeter();
}

// @@ 0.5; 2.5
struct Counter2 {
  int calls = 0;
  double sum = 0;
  void push(double v) {
    ++calls;
    sum += v;
  }
  double mean() const { return sum / calls; }
};
GRADC_GRAD
double object_with_state(double x, double y) {
  Counter2 c;
  c.push(x);
  c.push(y * y);
  c.push(x * y);
  return c.mean();
}

// @@ 0.3; 0.9
GRADC_GRAD
double struct_returned_by_helper(double x, double y) {
  Affine f = {x, y};
  Affine g = {f.eval(2), f.eval(3)};
  return g.eval(x);
}

// @@ 1.5; 2.5
struct Poly2 {
  double c0, c1, c2;
  GRADC_GRAD double operator()(double x, double y) const { return c0 + c1 * x + c2 * x * y; }
};

// @@ 1.5; 2.5
struct Integrator {
  double h = 0.1;
  double rhs(double y) const { return -y * y; }
  GRADC_GRAD double step(double y, double k) const { return y + h * k * rhs(y); }
};

// @@ 0.5
struct WithStaticScale {
  static constexpr double scale = 3;
  GRADC_GRAD double scaled(double x) const { return scale * x * x; }
};

// @@ 0.5; 1.5
struct Holder {
  double w[2] = {0.5, 1.5};
  GRADC_GRAD double weighted(double x, double y) { return w[0] * x + w[1] * y * y; }
};

// @@ 1.1; 2.2
GRADC_GRAD
double pointer_to_struct_local(double x, double y) {
  Vec2 v{x, y};
  Vec2* p = &v;
  p->x *= y;
  return p->x + v.y;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD
double pointer_into_param_array(const double* x, int n) {
  const double* last = &x[n - 1];
  return *last * x[0];
}

// @@ 1.5; 0.5
GRADC_GRAD
double pointer_conditional(double x, double y) {
  double a = x * x, b = y * y;
  double* big = x > y ? &a : &b;
  return *big * x;
}

// @@ 1.2; 0.8
void report(const char* what, double v) { std::printf("%s %f\n", what, v); }
GRADC_GRAD
double call_statement_report(double x, double y) {
  double r = x * y;
  report("r", r);
  return std::sin(r);
}

// @@ [0.5, 1.5]; 2
void normalize(double* v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  s = std::sqrt(s);
  for (int i = 0; i < n; ++i) v[i] /= s;
}
GRADC_GRAD
double void_call_on_local(const double* x, int n) {
  double v[2] = {x[0], x[1]};
  normalize(v, n);
  return v[0] * 3 + v[1];
}

// @@ 0.9
double g_offset = 0.5;
GRADC_GRAD
double global_offset(double x) { return (x + g_offset) * (x - g_offset); }

// @@ [0.5, 1.5, 2.5]; 3
double g_table[3] = {1.0, 2.0, 3.0};
GRADC_GRAD
double global_table_read(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += g_table[i] * x[i];
  return s;
}

// @@ 1.3
int g_calls = 0;
GRADC_GRAD
double global_counter(double x) {
  g_calls++;
  return x * x * x;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD
double local_ref_in_loop(const double* x, int n) {
  double acc[3] = {0, 0, 0};
  for (int i = 0; i < n; ++i) {
    double& a = acc[i];
    a = x[i] * x[i];
    a += x[i];
  }
  return acc[0] + acc[1] * acc[2];
}

// @@ 0.5; 1.5
GRADC_GRAD
double ref_to_struct_member(double x, double y) {
  Vec2 v{x, y};
  double& r = v.y;
  r *= x;
  return v.x + v.y;
}
