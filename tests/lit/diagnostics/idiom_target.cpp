// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -I%S | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// An idiom's pattern is its function's body `return <expression>;`: a body
// of two statements is no pattern.
#include "Inputs/idiom_softsign.hpp"

// Nor is one in the source file, which generated code cannot call.
inline double softsign_in_source(double x) { return x / (1.0 + std::fabs(x)); }

// CHECK: idiom_target.cpp:[[@LINE+2]]:13: error: derivative rule 'softsign_in_source_pullback' is malformed: GRADC_IDIOM names 'softsign_in_source', but no function of that name whose body is `return <expression>;` is visible here in a header
GRADC_IDIOM(softsign_in_source)
inline void softsign_in_source_pullback(double x, double d_y, double* d_x) { *d_x += d_y / ((1.0 + std::fabs(x)) * (1.0 + std::fabs(x))); }

// CHECK: idiom_target.cpp:[[@LINE+2]]:13: error: derivative rule 'softsign_pullback' is malformed: GRADC_IDIOM names 'softsign', but no function of that name whose body is `return <expression>;` is visible here in a header
GRADC_IDIOM(softsign)
inline void softsign_pullback(double x, double d_y, double* d_x) { *d_x += d_y / ((1.0 + std::fabs(x)) * (1.0 + std::fabs(x))); }

GRADC_GRAD
double f(double x) { return softsign(x); }
