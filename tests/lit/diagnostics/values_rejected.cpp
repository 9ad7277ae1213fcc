// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Struct values gradc does not split yet are rejected, each naming the
// construct and what to write instead.
#include <gradc/gradc.h>

struct V {
  double a, b;
};

struct C {
  double a;
  C(double x) { a = x; }
};

struct P {
  const double* p;
};

static V mk(double x) { return {x, x * x}; }

GRADC_GRAD
double ctor(double x) {
  // CHECK: values_rejected.cpp:[[@LINE+1]]:5: error: the constructor call 'c(x)' (a constructor with statements in its body
  C c(x);
  return c.a;
}

GRADC_GRAD
double pointer_member(double x) {
  // CHECK: values_rejected.cpp:[[@LINE+1]]:5: error: the local 'q' of type 'P', a struct with a member 'p' of type 'const double *'
  P q{&x};
  return x;
}

GRADC_GRAD
double call_member(double x) {
  // CHECK: values_rejected.cpp:[[@LINE+1]]:16: error: the member access 'mk(x).a' ({{.*}}store a call's result in a local first: `V v = mk(x); v.a`)
  return mk(x).a;
}

// CHECK: values_rejected.cpp:[[@LINE+2]]:3: error: 'returns_struct' returns 'V'; a differentiated function must return double or float
V returns_struct(double x) GRADC_GRAD;
V returns_struct(double x) { return {x, x}; }

GRADC_NONDIFF static V frozen(double x) { return {x, x}; }

GRADC_GRAD
double nondiff_struct(double x) {
  // CHECK: values_rejected.cpp:[[@LINE+1]]:9: error: calling GRADC_NONDIFF 'frozen', which returns a struct or is a non-const method
  V v = frozen(x);
  return v.a;
}
