// --emit=c99 for a C++ input whose marked function uses what C lacks: an
// error at the marked function naming what, and no output.
// RUN: rm -f %t.h
// RUN: %expect-error %gradc --emit=c99 %s -o %t.h -- %flags | %FileCheck %s
// RUN: not test -e %t.h
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

GRADC_GRAD
// CHECK: c99_not_c.cpp:[[@LINE+1]]:8: error: the gradient of 'by_ref' cannot be written in C99: its parameter 'x' is a reference (take a pointer)
double by_ref(const double& x, double y) { return x * y; }

namespace model {
GRADC_GRAD
// CHECK: c99_not_c.cpp:[[@LINE+1]]:8: error: the gradient of 'in_namespace' cannot be written in C99: it is in namespace 'model' (C has no namespaces)
double in_namespace(double x) { return std::exp(x); }
}  // namespace model

GRADC_GRAD
// CHECK: c99_not_c.cpp:[[@LINE+1]]:8: error: the gradient of 'clamped' cannot be written in C99: it calls 'std::max', which C does not have
double clamped(double x, double y) { return std::max(x, y) * x; }

GRADC_GRAD
double twice(double x) { return 2.0 * x * x; }
GRADC_GRAD
// CHECK: c99_not_c.cpp:[[@LINE+1]]:7: error: the gradient of 'twice' cannot be written in C99: another marked function is named 'twice' (C has no overloads)
float twice(float x) { return 2.0f * x * x; }
