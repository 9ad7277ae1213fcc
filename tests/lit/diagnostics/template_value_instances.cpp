// Two instantiations of a marked template that differ only in a non-type
// argument would get two f_grad overloads with the same parameters.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

template <int N>
GRADC_GRAD double sum_squares(const double* x) {
  double s = 0;
  for (int i = 0; i < N; ++i) s += x[i] * x[i];
  return s;
}
// CHECK: template_value_instances.cpp:9: error: 'sum_squares<3>' and 'sum_squares<2>' would both get the gradient 'sum_squares_grad' with the same parameter types
// CHECK-SAME: mark one wrapper per instance instead, e.g. 'GRADC_GRAD double sum_squares_1(...) { return sum_squares<3>(...); }'
template double sum_squares<2>(const double*);
template double sum_squares<3>(const double*);
