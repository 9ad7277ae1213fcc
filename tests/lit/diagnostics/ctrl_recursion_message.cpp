// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Recursion stays rejected; the message shows the template-depth form.
#include <gradc/gradc.h>

GRADC_GRAD
// CHECK: ctrl_recursion_message.cpp:[[@LINE+1]]:8: error: 'rec' is recursive; recursion is not supported, rewrite it iteratively, or make the depth a template parameter: 'template <int N> double f(double x) { if constexpr (N == 0) return x; else return g(f<N - 1>(x)); }'
double rec(double x, int n) { return n == 0 ? x : x * rec(x, n - 1); }
