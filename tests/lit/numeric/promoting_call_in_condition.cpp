// Regression (found by the fuzzer): std::fmin(float, double) inside a condition
// converted its argument into a temporary that was never assigned.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>
#include <cmath>
GRADC_GRAD float f(float x, float y) { return std::fmin(x, 1.0) > 0.5 ? x * y : y; }
#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
int main() { float dx = 0, dy = 0; float v = f_grad(0.8f, 2.0f, &dx, &dy); return !(v == f(0.8f, 2.0f) && dx == 2.0f && dy == 0.8f); }
#endif
