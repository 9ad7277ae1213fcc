// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Each level calls the next twice: 2^15 copies if all were inlined.
double f14(double x) { return x * x; }
double f13(double x) { return f14(x) + f14(0.5 * x); }
double f12(double x) { return f13(x) + f13(0.5 * x); }
double f11(double x) { return f12(x) + f12(0.5 * x); }
double f10(double x) { return f11(x) + f11(0.5 * x); }
double f9(double x) { return f10(x) + f10(0.5 * x); }
double f8(double x) { return f9(x) + f9(0.5 * x); }
double f7(double x) { return f8(x) + f8(0.5 * x); }
double f6(double x) { return f7(x) + f7(0.5 * x); }
double f5(double x) { return f6(x) + f6(0.5 * x); }
double f4(double x) { return f5(x) + f5(0.5 * x); }
double f3(double x) { return f4(x) + f4(0.5 * x); }
double f2(double x) { return f3(x) + f3(0.5 * x); }
double f1(double x) { return f2(x) + f2(0.5 * x); }
double f0(double x) { return f1(x) + f1(0.5 * x); }

GRADC_GRAD
// CHECK: error: this call to {{.*}} would inline more than 1024 calls into one function
double f(double x) { return f0(x); }
