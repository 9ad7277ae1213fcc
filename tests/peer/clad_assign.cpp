// Clad-style (test/Gradient/Assignments.C): reassigned parameters and locals,
// compound assignments, increments, assignments used as values.
#include <gradc/gradc.h>

#include <cmath>

// @@ 1.5; 2.5
GRADC_GRAD
double reassign_param(double x, double y) {
  x = y;
  return x * y;
}

// @@ 1.5; 2.5
GRADC_GRAD
double swap_locals(double x, double y) {
  double t = x;
  x = y;
  y = t;
  return x * x + 2 * y;
}

// @@ 0.7; 1.2
GRADC_GRAD
double compound_ops(double x, double y) {
  double r = x;
  r += y;
  r *= x;
  r -= y * y;
  r /= (1 + x);
  return r;
}

// @@ 1.3
GRADC_GRAD
double self_multiply(double x) {
  x *= x;
  x *= x;
  return x;
}

// @@ 0.8; 1.6
GRADC_GRAD
double overwrite_twice(double x, double y) {
  double t = x * y;
  t = t * t + x;
  t = std::sin(t) * y;
  return t;
}

// @@ 1.1; 2.0
GRADC_GRAD
double assign_in_expr(double x, double y) {
  double t;
  double r = (t = x * y) + t * x;
  return r;
}

// @@ 1.1; 2.0
GRADC_GRAD
double chained_assign(double x, double y) {
  double a, b;
  a = b = x * y;
  return a * b + x;
}

// @@ 0.6; 1.4
GRADC_GRAD
double compound_as_value(double x, double y) {
  double r = x;
  double s = (r *= y) + 1;
  return r * s;
}

// @@ 1.25
GRADC_GRAD
double increments(double x) {
  x++;
  ++x;
  x--;
  return x * x;
}

// @@ 1.25
GRADC_GRAD
double postfix_value(double x) {
  double y = x++;
  return x * y;
}

// @@ 0.5; 1.5
GRADC_GRAD
double assign_in_branches(double x, double y) {
  double r = 0;
  if (x < y) {
    r = x * y;
    x = r + y;
  } else {
    r = x / y;
  }
  return r + x;
}

// @@ 0.9; 0.2
GRADC_GRAD
double param_reuse(double x, double y) {
  y = x * y + y;
  x = std::exp(y) - x;
  y = x * y;
  return x + y;
}

// @@ 1.5; 2
GRADC_GRAD
double int_accumulate(double x, int n) {
  int k = 0;
  k += n;
  k *= 2;
  double r = x;
  r *= k;
  return r;
}

// @@ 0.3; 0.9
GRADC_GRAD
double conditional_assign(double x, double y) {
  double m = x;
  (x > y ? m : y) = 2 * x;
  return m * y;
}

// @@ 0.4; 1.1
GRADC_GRAD
double division_compound(double x, double y) {
  double r = 1;
  r /= x;
  r /= y;
  r += x / y;
  return r;
}
