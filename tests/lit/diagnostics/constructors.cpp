// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Constructors gradc lowers are those with an empty body whose member
// initializers use the parameters (numeric/values_constructors.cpp); the
// others are rejected naming what the constructor does, and classes with
// members in a base class or virtual functions stay rejected.
#include <gradc/gradc.h>

struct Body {
  double a;
  Body(double x) { a = x; }
};

struct Delegating {
  double a, b;
  Delegating(double x, double y) : a(x), b(y) {}
  Delegating(double x) : Delegating(x, 2 * x) {}
};

struct Assigning {
  double a, b;
  Assigning(double x, double& y) : a(y = x), b(x) {}
};

struct Tag {
  Tag() {}  // (user-written: it could do anything)
};
struct Tagged : Tag {
  double a;
  Tagged(double x) : Tag(), a(x) {}
};

struct Base {
  double k;
};
struct Derived : Base {
  double a;
};

struct Poly {
  double a;
  virtual double f() const { return a; }
};

GRADC_GRAD
double body(double x) {
  // CHECK: constructors.cpp:[[@LINE+1]]:8: error: the constructor call 'b(x)' (a constructor with statements in its body; supported: a constructor with an empty body whose member initializers use its parameters, or braces: `V v{x, y};`)
  Body b(x);
  return b.a;
}

GRADC_GRAD
double delegating(double x) {
  // CHECK: constructors.cpp:[[@LINE+1]]:14: error: the constructor call 'd(x)' (a delegating constructor;
  Delegating d(x);
  return d.a * d.b;
}

GRADC_GRAD
double assigning(double x, double y) {
  // CHECK: constructors.cpp:[[@LINE+1]]:13: error: the constructor call 's(x, y)' (a member initializer with an assignment or an increment;
  Assigning s(x, y);
  return s.a * y;
}

GRADC_GRAD
double tagged(double x) {
  // CHECK: constructors.cpp:[[@LINE+1]]:10: error: the constructor call 't(x)' (a base class initializer;
  Tagged t(x);
  return t.a;
}

GRADC_GRAD
double derived(double x) {
  // CHECK: constructors.cpp:[[@LINE+1]]:11: error: the local 'd' of type 'Derived', a struct with base classes with members or virtual functions
  Derived d{};
  d.a = x;
  return d.a;
}

// CHECK: constructors.cpp:[[@LINE+2]]:34: error: {{.*}}'p'{{.*}}a class with virtual functions
GRADC_GRAD
double virtual_param(const Poly& p) { return p.a * p.a; }
