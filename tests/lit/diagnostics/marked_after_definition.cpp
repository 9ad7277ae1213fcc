// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

double square(double x) { return x * x; }
// A marker after the definition: Clang drops the attribute (a warning),
// which left nothing for gradc to act on; it is an error.
// CHECK: marked_after_definition.cpp:[[@LINE+1]]:1: error: attribute declaration must precede definition
GRADC_GRAD double square(double x);

GRADC_GRAD double ok(double x) { return x * x; }
