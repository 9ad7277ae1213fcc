// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Marked member functions are differentiated with the object as `const S&
// self` (tests/lit/numeric/member_functions.cpp); what stays rejected:
#include <gradc/gradc.h>

struct P {
  // CHECK: marked_member.cpp:[[@LINE+1]]:22: error: 'P::t' is a member function template, which cannot be differentiated yet; mark a member function of the types it is used with, or a free function template taking the object as a parameter
  template <class T> GRADC_GRAD static T t(T x) { return x * x; }
  double v;
  // CHECK: marked_member.cpp:[[@LINE+1]]:3: error: 'P::P' is a constructor, destructor or conversion, which cannot be differentiated yet; mark a member function that computes the value from the object
  GRADC_GRAD P(double x) : v(x) {}
  // CHECK: marked_member.cpp:[[@LINE+1]]:3: error: 'operator+' is an operator or conversion
  GRADC_GRAD double operator+(double x) const { return v + x; }
};
template double P::t<double>(double);

struct Base {
  double k = 1;
  // CHECK: marked_member.cpp:[[@LINE+1]]:3: error: 'Base::g' is a virtual member function, which cannot be differentiated yet
  GRADC_GRAD virtual double g(double x) const { return k * x; }
};

double local(double x) {
  struct L {
    double k;
    // CHECK: marked_member.cpp:[[@LINE+1]]:5: error: 'local(double)::L::h' is a member function of a local or unnamed class
    GRADC_GRAD double h(double y) const { return k * y; }
  };
  return L{2}.h(x);
}

GRADC_GRAD double ok(double x) { return x * x; }
// CHECK-NOT: error:
