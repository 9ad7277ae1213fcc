// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>
#include <cstring>

GRADC_GRAD
double f(double x) {
  double y = 0;
  // CHECK: memcpy.cpp:[[@LINE+1]]:3: error: {{.*}}memcpy{{.*}} reinterprets the bits of a value and cannot be differentiated
  std::memcpy(&y, &x, sizeof x);
  return y;
}
