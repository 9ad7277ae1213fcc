// Math functions that generated code may call. Header-only; needs only <cmath>
// (which generated code includes anyway), no allocation.
//
//   gradc::sigmoid(x)   the logistic sigmoid 1 / (1 + exp(-x)), float and double
//   gradc::norm2(a, b)  the length sqrt(a * a + b * b) as models write it (not
//                       std::hypot, which rounds differently), float and double
//
// These are the functions of gradc's idioms (GRADC_IDIOM in
// templates/rules.hpp): an expression a model writes inline, such as
// `1.0f / (1.0f + std::exp(-a))`, is recognised by its shape, the body of the
// function here, and generated code calls the function instead, so the
// reverse sweep can use the idiom's own derivative (sigmoid: y (1 - y), from
// the result alone; norm2: a / y, one division for both components). Each body is the pattern: it computes exactly what the
// inline expression computes, operation for operation, in the same type.
#ifndef GRADC_MATH_H
#define GRADC_MATH_H

#ifdef __cplusplus  // (C has no overloads: a C model writes the expressions)
#include <cmath>

namespace gradc {

inline float sigmoid(float x) { return 1 / (1 + std::exp(-x)); }
inline double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

inline float norm2(float a, float b) { return std::sqrt(a * a + b * b); }
inline double norm2(double a, double b) { return std::sqrt(a * a + b * b); }

}  // namespace gradc

#endif  // __cplusplus
#endif  // GRADC_MATH_H
