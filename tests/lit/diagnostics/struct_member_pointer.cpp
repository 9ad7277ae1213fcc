// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

struct Params {
  const double* w;  // a pointer member: its elements live elsewhere
  double b;
};

GRADC_GRAD
// CHECK: struct_member_pointer.cpp:[[@LINE+1]]:24: error: 'p' has type 'const Params &', a struct with a member 'w' that is a pointer or reference; gradc differentiates structs
double f(const Params& p, double x) { return p.b * x; }
