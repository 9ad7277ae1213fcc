// Corpus: ?: (also nested), if / else, else-if chains and early returns on
// scalar conditions built from comparisons, &&, || and !.
// gradc differentiates the GRADC_GRAD functions; compiled with
// -DGRADC_CORPUS_TEST this file also checks their gradients (see
// tests/support/gradcheck.hpp and run_corpus.sh).
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double ternary(double x, double y) { return x > y ? x * y : x - y; }

// Nested ?: in both arms, and a ?: used as an operand.
GRADC_GRAD
double nested_ternary(double x, double y) {
  return (x < -1 ? -x * x : (x < 1 ? x * y : (y > 0 ? 2 * x - y : x / (1 + y * y)))) + (y >= x ? y : 0.5 * x);
}

// A ReLU-style kink: the classic early return.
GRADC_GRAD
double early_return(double x) {
  if (x < 0) return -x;
  return x * x;
}

// An else-if chain that assigns a local in every branch.
GRADC_GRAD
double if_else_chain(double x, double y) {
  double r;
  if (x < -1) {
    r = x * y;
  } else if (x < 0) {
    r = std::sin(x) + y;
  } else if (x < 1 && y > 0) {
    r = x * x * y;
  } else {
    r = std::exp(-x) * y;
  }
  return r * y + x;
}

// Returns from every branch of an else-if chain.
GRADC_GRAD
double early_chain(double x, double y) {
  if (x + y < -2) {
    return y * y;
  } else if (x > 2) {
    double t = x * y;
    return t * t;
  } else if (y > 1) {
    return std::log(y) * x;
  }
  return x - y * x;
}

// Conditions with &&, || and !.
GRADC_GRAD
double logic(double x, double y) {
  double r = x * y;
  if (!(x > 0) || (y > 1 && x < 2)) {
    r = r + x;
  }
  if (x > -1 && !(y < -1)) r = r * y;
  if (x * y > 1 || x + y < -1) {
    r = -r;
  } else {
    r = r + std::cos(x);
  }
  return r;
}

// An if without else: a local is updated only on one path.
GRADC_GRAD
double if_no_else(double x, double y) {
  double r = x + y;
  if (y > x) r = r * x;
  return r * r;
}

// A condition on an integer parameter, and on a computed local.
GRADC_GRAD
double int_condition(double x, double y, int n) {
  double t = x * y;
  if (n > 2) {
    t = t * n;
  } else if (n < 0 || t > 1) {
    t = t - y;
  }
  double u = t > 0 ? t : -t;
  return u + x;
}

// Branches whose arms call math functions on differentiated values.
GRADC_GRAD
double branch_math(double x) {
  if (x > 1) {
    return std::sqrt(x) + std::log(x);
  } else if (x > -1) {
    return std::asin(x / 2) * x;
  } else {
    return std::exp(x) - x;
  }
}

// An early return inside an else-if, then re-assignment of a local that was
// set in another branch.
GRADC_GRAD
double early_return_then_update(double x, double y) {
  double r = x;
  if (x > y) {
    r = x * y * 2;
  } else if (y < 1) {
    return y;
  }
  r = (r - x * y) / (1 + y * y);
  return r;
}

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "gradcheck.hpp"

int main() {
  GRADCHECK(double, ternary, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, nested_ternary, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, nested_ternary, (x[0], x[1]), {"x", 1, 3}, {"y", 0, 3});  // each arm for sure
  GRADCHECK(double, nested_ternary, (x[0], x[1]), {"x", 1, 3}, {"y", -3, 0});
  GRADCHECK(double, early_return, (x[0]), {"x", -3, 3});
  GRADCHECK(double, if_else_chain, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, if_else_chain, (x[0], x[1]), {"x", 0, 1}, {"y", 0, 3});
  GRADCHECK(double, early_chain, (x[0], x[1]), {"x", -3, -1.5}, {"y", -3, -1});
  GRADCHECK(double, early_chain, (x[0], x[1]), {"x", 2, 4}, {"y", -1, 3});
  GRADCHECK(double, early_chain, (x[0], x[1]), {"x", -1, 2}, {"y", 1, 3});
  GRADCHECK(double, early_chain, (x[0], x[1]), {"x", -1, 2}, {"y", -1, 1});
  GRADCHECK(double, logic, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, if_no_else, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  GRADCHECK(double, int_condition, (x[0], x[1], 3), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, int_condition, (x[0], x[1], 1), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, int_condition, (x[0], x[1], -4), {"x", -2, 2}, {"y", -2, 2});
  GRADCHECK(double, branch_math, (x[0]), {"x", -3, 3});
  GRADCHECK(double, early_return_then_update, (x[0], x[1]), {"x", -3, 3}, {"y", -3, 3});
  return gradcheck::report();
}
#endif
