// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Issue 24: the marker on a member of a class template was silently dropped
// (exit 0, a header with g_grad only).
// CHECK: marked_class_template_member.cpp:[[@LINE+1]]:34: error: 'E::f' is a member function of the class template 'E', which cannot be differentiated yet; make it a free function template
template <typename T> struct E { GRADC_GRAD static T f(T i) { return i * i; } };

template <typename T> struct F {
  // CHECK: marked_class_template_member.cpp:[[@LINE+1]]:3: error: 'F::g' is a member function of the class template 'F'
  GRADC_GRAD T g(T x) const;
  // CHECK: marked_class_template_member.cpp:[[@LINE+1]]:24: error: 'F::h' is a member function of the class template 'F'
  template <class U> U GRADC_GRAD h(U x) { return x; }
};
template <typename T> T F<T>::g(T x) const { return x * x; }

GRADC_GRAD double g(double x) { return x * x; }
template struct E<double>;
template struct F<double>;
// CHECK-NOT: error:
