// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>
#include <cstring>

// A memcpy between values of different types reinterprets bits (one between
// arrays of one type is an element copy: numeric/effect_calls.cpp).
GRADC_GRAD
double f(double x) {
  long long bits = 0;
  // CHECK: memcpy.cpp:[[@LINE+1]]:3: error: {{.*}}memcpy{{.*}} reinterprets the bits of a value and cannot be differentiated
  std::memcpy(&bits, &x, sizeof x);
  return x * static_cast<double>(bits & 1);
}
