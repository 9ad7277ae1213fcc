// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cmath>

static double sq(double x) { return x * x; }

GRADC_PULLBACK_OF(sq)
// CHECK: user_rule_in_source.cpp:[[@LINE+1]]:13: error: 'sq' has a GRADC_PULLBACK_OF rule but is declared in the source file; the generated code calls 'sq', so declare it (and its rule) in a header the source includes
static void sq_pullback(double x, double d_ret, double* d_x) { *d_x += 2.0 * x * d_ret; }

GRADC_GRAD
double f(double x) { return sq(x) + 1.0; }
