// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -ferror-limit=2 | %FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.hpp
// Errors are capped like a compiler's (-ferror-limit, 19 unless given).
#include <gradc/gradc.h>

double g = 1.0;

// CHECK: tables_error_limit.cpp:[[@LINE+1]]:34: error: writing the global 'g'
GRADC_GRAD double f1(double x) { g = x; return x; }
// CHECK: tables_error_limit.cpp:[[@LINE+1]]:34: error: writing the global 'g'
GRADC_GRAD double f2(double x) { g = x; return x; }
// CHECK: fatal error: too many errors emitted, stopping now
GRADC_GRAD double f3(double x) { g = x; return x; }
GRADC_GRAD double f4(double x) { g = x; return x; }
