// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.hpp
// std::vector parameters and locals get the rewrite that goes through. (An
// in-out array was an error here too; it is differentiated now:
// numeric/inout_arrays.cpp.)
#include <gradc/gradc.h>

#include <vector>

// (`const std::vector<double>& x` is read: numeric/vector_params.cpp; a copy is not.)
// CHECK: tables_inout_vector.cpp:[[@LINE+2]]:40: error: 'x' is a std::vector taken by value{{.*}}'const std::vector<double>& x'{{.*}}'const double* x, int n' (call it with x.data(), (int)x.size())
GRADC_GRAD
double sum_squares(std::vector<double> x) {
  double s = 0;
  for (int i = 0; i < (int)x.size(); ++i) s += x[i] * x[i];
  return s;
}

GRADC_GRAD
double buffered(const double* x, int n) {
  // CHECK: tables_inout_vector.cpp:[[@LINE+1]]:23: error: 'tmp' is a std::vector local{{.*}}'double tmp[kMax];'
  std::vector<double> tmp(n);
  double s = 0;
  for (int i = 0; i < n; ++i) s += x[i];
  return s;
}
