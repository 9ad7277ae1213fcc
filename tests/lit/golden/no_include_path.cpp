// gradc finds its own runtime header: no -I needed.
// RUN: %gradc %s -o %t.hpp -- -std=c++17
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x) { return x * x; }
// CHECK: inline double f_grad(double x, double* d_x) {
