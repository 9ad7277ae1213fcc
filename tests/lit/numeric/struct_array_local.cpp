// Local arrays of structs: one local array per member (structure of arrays).
// Scalar and array members, nested structs, braced initializers and default
// member initializers, element copies in and out, elements overwritten
// inside a loop (the reverse sweep needs their old values), elements passed
// to helpers by const reference (the element itself) and by value, member
// functions on an element, references to elements, pointers and references
// into an element's members, lambdas (a by-value capture is a copy), float
// and double. Each gradient is checked against central differences (and the
// whole run under ASan/UBSan).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

struct P {
  double x, y;
};

struct Seg {
  P a, b;
};

struct Particle {
  double pos[3];
  double w;
};

struct Acc {
  double s;
  double w[2];
  void add(double v) {
    s += w[0] * v * v;
    w[0] = w[1] * v;
  }
  double get() const { return s + w[0]; }
  double& at(int k) { return w[k]; }
};

struct Q {
  int n;
  double w;
  double v[3];
};

struct Mat {
  double v[4];
  double& operator()(int r, int c) { return v[r * 2 + c]; }
  double operator()(int r, int c) const { return v[r * 2 + c]; }
};

struct D {
  double x = 1.5;
  double v[2] = {0.5, 2.0};
  int n;
};

struct E {
  D d;
  double w;
};

struct PF {
  float a;
  float v[2];
};

// Scalar members; a braced initializer whose last element is value-initialized.
GRADC_GRAD
double scalars(const double* u) {
  P pts[3] = {{u[0], u[1]}, {u[1] * u[2], 1.0}};
  pts[2].x = u[0] * u[2];
  pts[2].y += pts[0].x;
  double s = 0;
  for (int i = 0; i < 3; ++i) s += pts[i].x * pts[i].y + std::sin(pts[i].x);
  return s;
}

// Default member initializers for every element (by a loop), and for the
// elements a braced list leaves out.
GRADC_GRAD
double defaults(const double* u) {
  D a[5];
  E e[4];
  D b[8] = {{u[0], {u[1], u[2]}, 1}};
  double s = 0;
  for (int i = 0; i < 5; ++i) {
    a[i].n = i;
    s += a[i].x * u[i % 3] + a[i].v[1] * a[i].n * u[1];
  }
  for (int i = 0; i < 4; ++i) {
    e[i].w = u[0];
    s += e[i].d.v[0] * e[i].w + e[i].d.x;
  }
  for (int i = 0; i < 8; ++i) s += b[i].x * b[i].v[0] * b[i].v[1] * u[2] + b[i].n;
  return s;
}

// Struct members of elements; nested braces; whole elements (with struct
// members) copied out, in and between elements.
GRADC_GRAD
double segments(const double* u) {
  Seg sg[3] = {{{u[0], u[1]}, {u[2], 1.0}}};
  for (int i = 1; i < 3; ++i) {
    sg[i].a = {u[i], u[i + 1]};
    sg[i].b.x = u[i + 2];
    sg[i].b.y = sg[i].a.x * u[0];
  }
  Seg c = sg[2];
  c.a.y *= u[3];
  sg[0] = c;
  sg[1] = sg[0];
  sg[1].b.y += sg[2].a.x;
  P m = sg[1].b;
  return sg[0].a.x * m.y + sg[0].b.y * sg[1].a.y + sg[2].a.y * c.b.x + sg[2].b.y;
}

static double norm2(const Particle& p) { return p.pos[0] * p.pos[0] + p.pos[1] * p.pos[1] + p.pos[2] * p.pos[2]; }

static Particle scaled(Particle p, double s) {
  for (int k = 0; k < 3; ++k) p.pos[k] *= s;
  p.w *= s;
  return p;
}

// Array members; an element copied out and in; an element to a helper by
// const reference and by value, a helper's result into an element.
GRADC_GRAD
double arrays(const double* u) {
  Particle ps[4] = {};
  for (int i = 0; i < 4; ++i) {
    for (int k = 0; k < 3; ++k) ps[i].pos[k] = u[i + k] * (k + 1);
    ps[i].w = u[i];
  }
  Particle t = ps[1];
  t.pos[0] = t.w * t.pos[2];
  ps[3] = t;
  ps[0] = scaled(ps[2], u[5]);
  double s = 0;
  for (int i = 0; i < 4; ++i) s += ps[i].w * norm2(ps[i]);
  return s;
}

// Elements overwritten in a loop, reading their old values and each other.
GRADC_GRAD
double overwrite(const double* u) {
  P st[2] = {{u[0], u[1]}, {0.5, -0.5}};
  for (int k = 0; k < 5; ++k) {
    P prev = st[1];
    st[1].x = std::sin(st[0].x) * prev.y + u[k];
    st[0] = {st[1].x * st[0].y, st[0].x + prev.x};
    st[1].y *= st[0].x;
  }
  return st[0].x * st[1].y + st[0].y;
}

// Every element overwritten at each time step (at the inner loop's counter):
// the reverse sweep restores each element's old members from the tape.
static Particle step(const Particle& b, double u) {
  return {{std::sin(b.pos[0]) + u * b.w, b.pos[2] * u, b.pos[0] * b.pos[1]}, b.w * std::cos(u)};
}

GRADC_GRAD
double evolve(const double* u) {
  Particle ps[2] = {{{u[0], u[1], 0.5}, u[2]}, {{u[1], u[0], -0.3}, 0.7}};
  for (int t = 0; t < 3; ++t)
    for (int b = 0; b < 2; ++b) ps[b] = step(ps[b], u[t]);
  for (int t = 0; t < 2; ++t) ps[t].pos[1] *= ps[1 - t].w;
  return ps[0].pos[0] * ps[1].pos[1] + ps[1].w * ps[0].pos[2] + ps[0].w * ps[1].pos[0];
}

// Member functions on elements: a writing one, a const one, an accessor.
GRADC_GRAD
double methods(const double* x) {
  Acc a[2] = {{0.0, {1.0, 0.5}}, {1.0, {x[0], 2.0}}};
  for (int i = 0; i < 3; ++i) a[i % 2].add(x[i]);
  a[1].at(0) = a[0].get() * x[1];
  return a[0].get() * a[1].get() + a[1].at(1) * a[1].at(0);
}

static double sum_sq(const double* p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += p[i] * p[i];
  return s;
}
static void scale(double* p, int n, double f) {
  for (int i = 0; i < n; ++i) p[i] *= f;
}
static void twice(double& x) { x *= 2.0; }

// Integer members; an element's array member to helpers that read and write
// it; a double& to a member; a pointer into one; accessors on elements of an
// array and (by value) of a const array.
GRADC_GRAD
double views(const double* u) {
  Q qs[3] = {};
  for (int i = 0; i < 3; ++i) {
    qs[i].n = i + 1;
    qs[i].w = u[i];
    for (int k = 0; k < 3; ++k) qs[i].v[k] = u[k] * qs[i].w;
  }
  qs[2] = qs[0];
  qs[1].v[2] = qs[1].v[2] * qs[2].w;
  scale(qs[1].v, 3, u[1]);
  twice(qs[0].w);
  double* p = &qs[2].v[1];
  *p += u[0];
  double s = 0;
  for (int i = 0; i < 3; ++i) s += qs[i].n * sum_sq(qs[i].v, 3) + qs[i].w;
  Mat m[2];
  for (int j = 0; j < 2; ++j)
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 2; ++c) m[j](r, c) = u[r + c] * (j + 1);
  const Mat cm[1] = {m[1]};
  return s + m[0](0, 1) * m[1](1, 1) + cm[0](1, 0);
}

// An array of structs declared in a loop body; a lambda reading elements.
GRADC_GRAD
double in_loop(const double* u) {
  P pts[2] = {{u[0], u[1]}, {u[2], u[0] * u[1]}};
  auto get = [&](int i) { return pts[i].x * pts[i].y; };
  double s = get(0) + get(1);
  for (int k = 0; k < 3; ++k) {
    P loc[2] = {};
    loc[0] = pts[k % 2];
    loc[1].x = loc[0].y * u[k];
    loc[1].y = std::cos(loc[1].x);
    pts[1].y = pts[1].y + loc[1].y * loc[0].x;
  }
  return s + pts[1].y;
}

// An element by const reference is the element itself: a write to it
// through another name during the call is seen through the reference.
static double write_then_read(const P& p, double* out, double v) {
  double before = p.x * p.y;
  *out = v;
  return before + p.x * p.x;
}

GRADC_GRAD
double aliasing(const double* u) {
  P pts[2] = {{u[0], u[1]}, {u[2], u[0]}};
  double r = write_then_read(pts[1], &pts[1].x, u[1] * u[2]);
  return r + pts[1].x * pts[0].y;
}

static void push(P& p, const P& q, double s) {
  p.x += s * q.y;
  p.y = p.y * q.x;
}

// References to elements name the element (at the index they were bound
// with): writes through them land in the array, writes to the array are
// seen through them.
GRADC_GRAD
double references(const double* u) {
  P pts[3] = {{u[0], u[1]}, {u[2], u[0]}, {0.5, u[1]}};
  Mat m[2] = {};
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    P& r = pts[i];
    const P& c = pts[2 - i];
    r.x = r.x * c.y + u[i];
    r.y += std::sin(c.x);
    s += r.x * c.y;
  }
  const P& first = pts[0];
  pts[0].y = first.x * u[2];
  s += first.y;
  for (int i = 0; i < 2; ++i) push(pts[i + 1], pts[i], u[i]);
  push(pts[0], pts[0], u[2]);  // (p and q the same element)
  s += pts[0].x * pts[0].y + pts[2].x * pts[1].y;
  for (int j = 0; j < 2; ++j) {
    Mat& t = m[j];
    t.v[1] = pts[j].x * (j + 1);
    t.v[2] = t.v[1] * u[j];
  }
  Mat& last = m[1];
  last(1, 1) = last(1, 0) * u[0];
  const double keep = last(1, 1);
  last = m[0];
  return s + m[1](1, 0) * m[0](0, 1) + keep * last(0, 1);
}

// A struct local captured by value is a copy taken where the lambda is
// written: writes after it (to the local or to the element it came from) are
// not seen by the body.
GRADC_GRAD
double captured(const double* u) {
  P pts[2] = {{u[0], u[1]}, {u[2], u[0]}};
  P p = pts[1];
  auto f = [=](double t) { return p.x * t + p.y; };
  auto g = [&](int i) { return pts[i].x * p.y; };
  p.x = 5.0;
  pts[1].x = u[1] * u[1];
  return f(u[1]) + g(1) + p.x * pts[1].y;
}

GRADC_GRAD
float floats(const float* u) {
  PF q[3];
  for (int i = 0; i < 3; ++i) {
    q[i].a = u[i];
    q[i].v[0] = u[i] * u[i];
    q[i].v[1] = 1.0f;
  }
  PF r = q[0];
  q[0] = q[2];
  q[2] = r;
  float s = 0;
  for (int i = 0; i < 3; ++i) s += q[i].a * q[i].v[0] + static_cast<float>(i) * q[i].v[1] * q[i].a;
  return s;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include <cstdio>

#include "Inputs/central_difference.hpp"

int main() {
  int bad = 0;
  auto report = [&](const char* name, double err, double tolerance) {
    std::printf("%s: %.3g\n", name, err);
    if (!(err < tolerance)) bad = 1;
  };
  double u[6] = {0.3, -1.1, 0.8, 0.2, -0.4, 1.5};
  {
    double g[3] = {};
    scalars_grad(u, g);
    report("scalars", worstRelativeError(u, g, 3, [&] { return scalars(u); }), 1e-7);
  }
  {
    double g[3] = {};
    const double value = defaults_grad(u, g);
    report("defaults", worstRelativeError(u, g, 3, [&] { return defaults(u); }), 1e-7);
    report("defaults value", std::fabs(value - defaults(u)), 1e-15);
  }
  {
    double g[5] = {};
    segments_grad(u, g);
    report("segments", worstRelativeError(u, g, 5, [&] { return segments(u); }), 1e-7);
  }
  {
    double g[6] = {};
    arrays_grad(u, g);
    report("arrays", worstRelativeError(u, g, 6, [&] { return arrays(u); }), 1e-7);
  }
  {
    double g[5] = {};
    overwrite_grad(u, g);
    report("overwrite", worstRelativeError(u, g, 5, [&] { return overwrite(u); }), 1e-7);
  }
  {
    double g[3] = {};
    evolve_grad(u, g);
    report("evolve", worstRelativeError(u, g, 3, [&] { return evolve(u); }), 1e-7);
  }
  {
    double g[3] = {};
    methods_grad(u, g);
    report("methods", worstRelativeError(u, g, 3, [&] { return methods(u); }), 1e-7);
  }
  {
    double g[3] = {};
    views_grad(u, g);
    report("views", worstRelativeError(u, g, 3, [&] { return views(u); }), 1e-7);
  }
  {
    double g[3] = {};
    in_loop_grad(u, g);
    report("in_loop", worstRelativeError(u, g, 3, [&] { return in_loop(u); }), 1e-7);
  }
  {
    double g[3] = {};
    aliasing_grad(u, g);
    report("aliasing", worstRelativeError(u, g, 3, [&] { return aliasing(u); }), 1e-7);
  }
  {
    double g[3] = {};
    const double value = references_grad(u, g);
    report("references", worstRelativeError(u, g, 3, [&] { return references(u); }), 1e-7);
    report("references value", std::fabs(value - references(u)), 1e-15);
  }
  {
    double g[3] = {};
    captured_grad(u, g);
    report("captured", worstRelativeError(u, g, 3, [&] { return captured(u); }), 1e-7);
  }
  {
    // float: the gradient in float, central differences in double on a
    // double copy of the same function's float evaluation.
    float uf[3] = {0.3f, -1.1f, 0.8f}, gf[3] = {};
    floats_grad(uf, gf);
    double ud[3] = {uf[0], uf[1], uf[2]}, gd[3] = {gf[0], gf[1], gf[2]};
    auto f = [&] {
      float x[3] = {static_cast<float>(ud[0]), static_cast<float>(ud[1]), static_cast<float>(ud[2])};
      return static_cast<double>(floats(x));
    };
    report("floats", worstRelativeError(ud, gd, 3, f, 1e-2), 2e-3);
  }
  return bad;
}
#endif
