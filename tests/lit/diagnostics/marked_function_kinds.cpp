// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- -I %S/Inputs %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// CHECK: marked_function_kinds.cpp:[[@LINE+1]]:1: error: 'in_header' is marked for differentiation here but defined in another file; gradc differentiates the functions defined in the file it runs on: move the definition here
GRADC_GRAD double in_header(double x);
#include "defined_elsewhere.hpp"

struct V { double x; };

// CHECK: marked_function_kinds.cpp:[[@LINE+1]]:1: error: 'deleted' is deleted and cannot be differentiated; remove the marker
GRADC_GRAD double deleted(double) = delete;
// CHECK: marked_function_kinds.cpp:[[@LINE+1]]:1: error: 'operator*' is an operator or conversion, which cannot be differentiated yet
GRADC_GRAD double operator*(const V& v, double s) { return v.x * s; }
// CHECK: marked_function_kinds.cpp:[[@LINE+1]]:1: error: 'undefined' is marked for differentiation but is not defined in this file
GRADC_GRAD double undefined(double x);

template <class T> struct Q {
  // CHECK: marked_function_kinds.cpp:[[@LINE+1]]:3: error: 'friendly' is declared inside a template, which cannot be differentiated yet; mark a function (or a function template) at namespace scope instead
  GRADC_GRAD friend double friendly(double x) { return x * x; }
};
template struct Q<int>;

template <class T> T local(T x) {
  struct L {
    // CHECK: marked_function_kinds.cpp:[[@LINE+1]]:5: error: 'local(T)::L::z' is declared inside a template, which cannot be differentiated yet
    GRADC_GRAD static double z(double y) { return y * y; }
  };
  return x;
}

// CHECK: marked_function_kinds.cpp:[[@LINE+1]]:15: error: a lambda cannot be marked for differentiation; make it a function at namespace scope
auto square = [](double x) GRADC_GRAD { return x * x; };

GRADC_GRAD double ok(double x) { return x * x; }
// CHECK-NOT: error:
