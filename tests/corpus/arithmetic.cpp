// Corpus: arithmetic operators, literals, file-level constants, integer
// parameters, GRADC_GRAD_WRT subsets and a long expression.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh).
#include <gradc/gradc.h>

const double kA = 0.5;
constexpr double kB = 2.0;
static const double kC = -1.25;
constexpr int kN = 3;

GRADC_GRAD
double add(double x, double y) { return x + y; }

GRADC_GRAD
double sub(double x, double y) { return x - y; }

GRADC_GRAD
double mul(double x, double y) { return x * y; }

GRADC_GRAD
double quotient(double x, double y) { return x / y; }

// Unary minus on a parameter, on a parenthesised expression, and twice.
GRADC_GRAD
double negate(double x, double y) { return -x * -(y - x) + -(-y); }

// One parameter used several times; also x / x.
GRADC_GRAD
double square_cube(double x) { return x * x + x * x * x - x / x; }

// Integer and floating literals, including integer division operands.
GRADC_GRAD
double literals(double x) { return 3 * x * x - 2.5 * x + 1 + x / 4 - 1e-1 / x + 7 / (2 * x); }

// File-level constants of several kinds.
GRADC_GRAD
double constants(double x, double y) { return kA * x + kB * y * y - kC + x * kN - kN / x; }

// Integer parameters: used in expressions, never differentiated.
GRADC_GRAD
double int_scale(double x, int n) { return x * n + (x - n) * (x + n) - n / (x * x + 1); }

// Integer parameters interleaved with floating ones; int-only subexpressions.
GRADC_GRAD
double interleaved(int k, double x, int m, double y) {
  return k * x * y - m * y / (k + m) + (k * m) * x + (m - k) / y;
}

// The design doc's example: gradient w.r.t. w and b only.
GRADC_GRAD_WRT(w, b)
double affine(double w, double b, double x, int n) { return (w * x + b) * n - b * b * x; }

// A single differentiated parameter that is not the first.
GRADC_GRAD_WRT(y)
double only_y(double x, double y) { return x * x * y + y / x - x; }

// Operator precedence and grouping.
GRADC_GRAD
double precedence(double a, double b, double c) {
  return a - b * c + (a - b) * c / (1 + a * a) - a / b / c + a * b - c - -b;
}

// A long expression: a rational function of four variables in one return.
GRADC_GRAD
double long_expression(double a, double b, double c, double d) {
  return (a * a * b - 3 * a * b * c + 2.5 * c * c * d - d / (1 + a * a) + (a - b) * (c - d) * (a + d)) /
             (2 + b * b + c * c * d * d) +
         a * b * c * d - (a + b + c + d) * (a - b + c - d) / 4 + 0.125 * a * a * a * a - b / (3 + c * c) +
         ((a * b + c) * (b * c + d) - (c * d + a) * (d * a + b)) / (1.5 + a * a * d * d) - kA * c + kB * d;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, add, (x[0], x[1]), {"x", -5, 5}, {"y", -5, 5});
  GRADCHECK(double, sub, (x[0], x[1]), {"x", -5, 5}, {"y", -5, 5});
  GRADCHECK(double, mul, (x[0], x[1]), {"x", -5, 5}, {"y", -5, 5});
  GRADCHECK(double, quotient, (x[0], x[1]), {"x", -5, 5}, {"y", 0.5, 4});
  GRADCHECK(double, quotient, (x[0], x[1]), {"x", -5, 5}, {"y", -4, -0.5});
  GRADCHECK(double, negate, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, square_cube, (x[0]), {"x", 0.2, 3});
  GRADCHECK(double, square_cube, (x[0]), {"x", -3, -0.2});
  GRADCHECK(double, literals, (x[0]), {"x", 0.3, 4});
  GRADCHECK(double, constants, (x[0], x[1]), {"x", 0.5, 3}, {"y", -3, 3});
  GRADCHECK(double, int_scale, (x[0], 3), {"x", -3, 3});
  GRADCHECK(double, int_scale, (x[0], -2), {"x", -3, 3});
  GRADCHECK(double, interleaved, (2, x[0], 5, x[1]), {"x", -3, 3}, {"y", 0.5, 3});
  GRADCHECK(double, affine, (x[0], x[1], 1.5, 3), {"w", -2, 2}, {"b", -2, 2});
  GRADCHECK(double, affine, (x[0], x[1], -0.25, 7), {"w", -2, 2}, {"b", -2, 2});
  GRADCHECK(double, only_y, (1.75, x[0]), {"y", -4, 4});
  GRADCHECK(double, only_y, (-0.5, x[0]), {"y", -4, 4});
  GRADCHECK(double, precedence, (x[0], x[1], x[2]), {"a", -3, 3}, {"b", 0.5, 3}, {"c", 0.5, 3});
  GRADCHECK(double, long_expression, (x[0], x[1], x[2], x[3]),  //
            {"a", -2, 2}, {"b", -2, 2}, {"c", -2, 2}, {"d", -2, 2});
  return gradcheck::report();
}
#endif
