// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// GMM as ADBench writes it passes its Wishart prior's parameters as a struct
// by value; defined in the source file, the generated header (whose
// signatures name it) cannot see it: the message says to move it to a header
// (tests/lit/natural/nat_gmm.cpp does, and goes through).
#include <gradc/gradc.h>

struct Wishart {
  double gamma;
  int m;
};

GRADC_GRAD_WRT(a)
// CHECK: nat_struct_in_source.cpp:[[@LINE+1]]:39: error: 'wishart' has type 'Wishart', a struct with its definition in the source file, where the generated header cannot see it (move it to a header the source includes)
double prior(const double* a, Wishart wishart) { return 0.5 * wishart.gamma * wishart.gamma * a[0] * a[0] - wishart.m * a[1]; }
