// Clad-style (test/Gradient/UserDefinedTypes.C, Constructors.C,
// StructsInLoops.cpp, STLCustomDerivatives.C): structs as parameters and
// locals, std::pair, std::array, std::vector, constructors.
#include <gradc/gradc.h>

#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "peer_types.hpp"

// @@ {1.5, 2.5}
GRADC_GRAD
double struct_param(const Vec2& v) { return v.x * v.y + v.x * v.x; }

// @@ {{0.5, 1.5, 2.5, 3.5}}
GRADC_GRAD
double struct_array_member(const Tangent& t) {
  double s = 0;
  for (int i = 0; i < 4; ++i) s += t.data[i] * t.data[i];
  return s;
}

// @@ 1.5; 2.5
GRADC_GRAD
double local_struct(double x, double y) {
  Vec2 v{x * y, x - y};
  return v.x * v.y;
}

// @@ 0.5; 1.5
GRADC_GRAD
double std_pair_local(double x, double y) {
  std::pair<double, double> p(x, y);
  p.first *= p.second;
  return p.first + p.second * p.second;
}

// @@ {0.5, 1.5}
GRADC_GRAD
double std_pair_param(const std::pair<double, double>& p) { return p.first * p.first * p.second; }

// @@ 0.7; 1.3
GRADC_GRAD
double std_array_local(double x, double y) {
  std::array<double, 3> a = {x, y, x * y};
  double s = 0;
  for (int i = 0; i < 3; ++i) s += a[i] * a[i];
  return s;
}

// @@ {0.5, 1.5, 2.5}
GRADC_GRAD
double std_array_param(const std::array<double, 3>& a) { return a[0] * a[1] + a[2] * a[2]; }

// @@ 0.5; 1.5
GRADC_GRAD
double std_vector_local(double x, double y) {
  std::vector<double> v;
  v.push_back(x);
  v.push_back(y);
  v.push_back(x * y);
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i) s += v[i] * v[i];
  return s;
}

// @@ {0.5, 1.5, 2.5}
GRADC_GRAD
double std_vector_param(const std::vector<double>& v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i) s += v[i] * v[i] * v[i];
  return s;
}

// @@ {0.5, 1.5}; 2.0
GRADC_GRAD
double method_on_param(const Affine& f, double t) { return f.eval(t) * f.eval(t * t); }

// @@ 0.8; 1.2
GRADC_GRAD
double method_on_local(double a, double b) {
  Affine f{a, b};
  return f.eval(2.0) + f.eval(a);
}

// @@ 1.5; 0.5
struct Complex {
  double re, im;
  Complex(double r, double i) : re(r), im(i) {}
  Complex operator*(const Complex& o) const { return Complex(re * o.re - im * o.im, re * o.im + im * o.re); }
  double norm2() const { return re * re + im * im; }
};
GRADC_GRAD
double class_with_ctor(double x, double y) {
  Complex z(x, y);
  Complex w = z * z;
  return w.norm2() + w.re;
}

// @@ [{0.1, 0.2, 0.3}, {1.0, 2.0, 3.0}]; 2
GRADC_GRAD
double struct_array_param(const Vec3* pts, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += pts[i].x * pts[i].y + pts[i].z * pts[i].z;
  return s;
}

// @@ {{0.1, 0.2}, {0.5, -0.5}, 2.0}; 0.25
GRADC_GRAD
double particle_energy(const Particle& p, double dt) {
  double x = p.pos[0] + dt * p.vel[0];
  double y = p.pos[1] + dt * p.vel[1];
  double ke = 0.5 * p.mass * (p.vel[0] * p.vel[0] + p.vel[1] * p.vel[1]);
  return ke + p.mass * 9.81 * y + x * x;
}

// @@ 0.5; 1.5
struct Accum {
  double total = 0;
  void add(double v) { total += v; }
};
GRADC_GRAD
double local_object_mutated(double x, double y) {
  Accum a;
  a.add(x * y);
  a.add(x * x);
  return a.total;
}

// @@ {1.0, 3, 0.5}; 2.0
GRADC_GRAD
double mixed_struct_param(const Sample& s, double x) { return s.value * s.count * x + s.weight * x * x; }

// @@ {0.5, 1.5}; 2.0
struct LocalPair {
  double u, v;
};
template <class F>
void peer_each(LocalPair& p, F&& f) {
  f(p.u);
  f(p.v);
}
GRADC_GRAD
double struct_defined_in_source(const LocalPair& p, double t) { return p.u * t + p.v * p.v; }
