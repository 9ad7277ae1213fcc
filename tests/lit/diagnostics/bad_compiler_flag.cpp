// A compiler-driver error (a flag for another target) fails the run too.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -mcpu=cortex-m4 | %FileCheck %s
// RUN: not test -e %t.hpp
// CHECK: error: unsupported option '-mcpu='
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) { return x * x; }
