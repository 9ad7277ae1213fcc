#pragma once
// A user rule with a deliberate mistake (the derivative of x^3 taken as
// 2x^2), for gradcheck_emitted.cpp: f_gradcheck must point at it.
#include <gradc/gradc.h>

inline double cube(double x) { return x * x * x; }

GRADC_PULLBACK_OF(cube)
inline void cube_pullback(double x, double d_ret, double* d_x) { *d_x += d_ret * 2 * x * x; }
