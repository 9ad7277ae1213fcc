// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// CHECK: marked_not_function.cpp:[[@LINE+1]]:1: error: GRADC_GRAD / GRADC_GRAD_WRT marks functions, but this marks the variable 'scale'; put the marker on the function to differentiate
GRADC_GRAD double scale = 2.0;
// CHECK: marked_not_function.cpp:[[@LINE+1]]:8: error: {{.*}} but this marks the class 'S'
struct GRADC_GRAD S {
  // CHECK: marked_not_function.cpp:[[@LINE+1]]:3: error: {{.*}} but this marks the member 'm'
  GRADC_GRAD double m;
};
// CHECK: marked_not_function.cpp:[[@LINE+1]]:17: error: {{.*}} but this marks the parameter 'x'
double identity(GRADC_GRAD_WRT(x) double x) { return x; }

GRADC_GRAD double ok(double x) { return x * scale; }
// CHECK-NOT: error:
