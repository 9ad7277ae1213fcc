// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

struct P {
  // CHECK: marked_member.cpp:[[@LINE+1]]:3: error: 'P::f' is a member function, which cannot be differentiated yet; make it a function at namespace scope taking the object as a parameter (const S& s), and mark that
  GRADC_GRAD double f(double x) const { return x * v; }
  // CHECK: marked_member.cpp:[[@LINE+1]]:3: error: 'P::s' is a member function
  GRADC_GRAD static double s(double x);
  // CHECK: marked_member.cpp:[[@LINE+1]]:22: error: 'P::t' is a member function
  template <class T> GRADC_GRAD static T t(T x) { return x * x; }
  double v;
};
double P::s(double x) { return x * x; }
template double P::t<double>(double);

GRADC_GRAD double ok(double x) { return x * x; }
// CHECK-NOT: error:
