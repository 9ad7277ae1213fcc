// A variable-length array (a GNU extension in C++) is rejected with the C++
// alternative: a constexpr or template-parameter bound.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -Wno-vla-cxx-extension | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(const double* x, int n) {
  // CHECK: cfw_vla.cpp:[[@LINE+1]]:10: error: 't' is a variable-length array ('double[n]'), whose storage the generated code cannot size; use an array of a fixed maximum length ('double t[N]', N a constexpr constant or a template parameter, with the loops to the run-time length), or take the storage from the caller as a parameter ('double* t')
  double t[n];
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    t[i] = x[i] * x[i];
    s += t[i];
  }
  return s;
}
