// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// A range-based 'for' goes through over an array of constant length or a
// std::array (numeric/range_for.cpp); over anything else it is refused with
// the counted 'for' to write.
GRADC_GRAD
double f(double x) {
  double w[2][3] = {{x, 1, 2}, {3, 4, x}};
  double s = 0;
  // CHECK: range_for.cpp:[[@LINE+1]]:3: error: a range-based 'for' over the rows of a 2-D array (over arrays of a constant length and std::arrays; otherwise write a counted 'for': 'for (int i = 0; i < n; ++i)' reading 'v[i]') is not supported in a differentiated function yet
  for (const auto& row : w) s += row[0] * x;
  return s;
}

GRADC_GRAD
double g(double x, double y) {
  double s = 0;
  // CHECK: range_for.cpp:[[@LINE+1]]:3: error: a range-based 'for' over '{x, y}' of type 'std::initializer_list<double>' (over arrays of a constant length and std::arrays; otherwise write a counted 'for': 'for (int i = 0; i < n; ++i)' reading 'v[i]') is not supported in a differentiated function yet
  for (double v : {x, y}) s += v * v;
  return s;
}
