// A mutable global is read as an input (tests/lit/numeric/mutable_global_read.cpp)
// unless the function also calls code gradc does not see into, which could
// change it while the gradient runs; writing one is rejected. Every error in
// one run, no header.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include "Inputs/logger.hpp"

double gain = 2.0;

GRADC_GRAD
double f(double x) {
  log_value("x", x);
  // CHECK: mutable_global.cpp:[[@LINE+1]]:14: error: reading the mutable global 'gain' in a function that also calls 'log_value', which could change it while the gradient runs (pass it as a parameter: 'f(..., double gain)', or make it a constant)
  return x * gain;
}

GRADC_GRAD
double g(double x) {
  // CHECK: mutable_global.cpp:[[@LINE+1]]:3: error: writing the global 'gain' (a gradient follows values, not a global changed behind the caller: keep it in a local, or write it through an output parameter 'double* gain_out')
  gain = x * 2;
  return gain * x;
}

thread_local double tls_scale = 1.0;

GRADC_GRAD
double h(double x) {
  // CHECK: mutable_global.cpp:[[@LINE+1]]:14: error: 'tls_scale' is a mutable global variable
  return x * tls_scale;
}
