// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

struct Params {
  double w, b;
};

GRADC_GRAD
// CHECK: struct_in_source.cpp:[[@LINE+1]]:34: error: 'p' has type 'const Params &', a struct with its definition in the source file, where the generated header cannot see it (move it to a header the source includes)
double f(double x, const Params& p) { return p.w * x + p.b; }
