// Clad-style (test/Gradient/Gradients.C, UnaryMinus.C, CommaOperator.C,
// TestTypeConversion.C, constexprTest.C): straight-line arithmetic, math
// functions, conditionals, casts. Written here; see run_peer.py for `// @@`.
#include <gradc/gradc.h>

#include <cmath>

// @@ 1.5; 2.5
GRADC_GRAD
double add_two(double x, double y) { return x + y; }

// @@ 1.5; -0.5
GRADC_GRAD
double sub_mixed(double x, double y) { return x - y - 3 * x + y * 0.5; }

// @@ 0.7; 1.3
GRADC_GRAD
double mult_chain(double x, double y) { return x * y * x * 2 * y; }

// @@ 1.7; 0.6
GRADC_GRAD
double div_quot(double x, double y) { return (x + 1) / (y * y + x); }

// @@ 1.2; -0.4; 2.0
GRADC_GRAD
double poly_three(double x, double y, double z) { return x * x * x + 3 * x * y - z * z * y + 4; }

// @@ 0.9; 1.1
GRADC_GRAD
double unary_minus(double x, double y) { return -x * -(y - x) + -(-y); }

// @@ 0.4; 1.9
GRADC_GRAD
double trig_mix(double x, double y) { return std::sin(x) * std::cos(y) + std::tan(x / 2); }

// @@ 0.8; 2.3
GRADC_GRAD
double exp_log(double x, double y) { return std::exp(x) * std::log(y) - std::log(x * y); }

// @@ 1.4; 2.2
GRADC_GRAD
double pow_terms(double x, double y) { return std::pow(x, 3) + std::pow(x, y) + std::pow(2.0, y); }

// @@ 2.5
GRADC_GRAD
double sqrt_chain(double x) { return std::sqrt(x * x + 1) * std::sqrt(x); }

// @@ 0.3; 0.8
GRADC_GRAD
double hyperbolic(double x, double y) { return std::tanh(x * y) + std::sinh(x) - std::cosh(y); }

// @@ 0.6; 1.8
GRADC_GRAD
double inverse_trig(double x, double y) { return std::asin(x / 2) + std::acos(x / 3) * std::atan(y); }

// @@ 1.3; -0.7
GRADC_GRAD
double atan2_fn(double x, double y) { return std::atan2(y, x) * x; }

// @@ -1.3; 2.1
GRADC_GRAD
double abs_max(double x, double y) { return std::fabs(x) * y + std::fmax(x, y) - std::fmin(x * y, 0.5); }

// @@ 2.0; 3.0
GRADC_GRAD
double ternary_op(double x, double y) { return x > y ? x * x : y * y * y; }

// @@ 1.5; 0.5
GRADC_GRAD
double if_else(double x, double y) {
  double r;
  if (x > y)
    r = x * y;
  else if (x < 0)
    r = -x;
  else
    r = y / x;
  return r;
}

// @@ 2.0; 1.0
GRADC_GRAD
double cond_in_condition(double x, double y) {
  if ((x > 1 ? y : x) > 0.5) return x * y;
  return x + y;
}

// @@ 1.25; 3
GRADC_GRAD
double int_mixing(double x, int n) {
  int k = n * 2;
  double half = k / 4;
  return x * half + n * x * x;
}

// @@ 2.7 | float
GRADC_GRAD
double cast_float(double x) {
  float f = static_cast<float>(x);
  double back = (double)f;
  return back * x;
}

// @@ 3.7
GRADC_GRAD
double cast_int_trunc(double x) {
  int whole = (int)x;
  return x * whole + (x - whole) * x;
}

// @@ 1.1; 0.4
GRADC_GRAD
double comma_expr(double x, double y) {
  double t = (x = x * 2, y + x);
  return t * y;
}

// @@ 1.2; 5.0
GRADC_GRAD_WRT(x)
double wrt_first(double x, double y) { return x * x * y; }

// @@ 1.2; 0.3; 2.0
GRADC_GRAD_WRT(z, x)
double wrt_two(double x, double y, double z) { return x * y + y * z + std::exp(z * x); }

// @@ 0.5; 1.5
GRADC_GRAD
double unused_param(double x, double y) { return x * 4; }

// @@ 0.5
GRADC_GRAD
double constant_result(double x) { return 7.0; }

// @@ 1.5; 0.25
GRADC_GRAD
double const_params(const double x, const double y) {
  const double two = 2;
  return two * x / y;
}

// @@ 0.6
constexpr double kScale = 1.75;
GRADC_GRAD
double constexpr_global(double x) { return kScale * x * x; }

// @@ 0.6
GRADC_GRAD
constexpr double constexpr_fn(double x) { return x * x * x + 2 * x; }

// @@ 1.5f; 0.5f
GRADC_GRAD
float float_fn(float x, float y) { return x * y + std::sin(x) / (1 + y); }

// @@ 2.2; 0.3
GRADC_GRAD
double hypot_erf(double x, double y) { return std::hypot(x, y) + std::erf(y) + std::log1p(x) + std::expm1(y); }

// @@ 1.6
GRADC_GRAD
double nested_calls(double x) { return std::exp(std::sin(std::log(x))); }

// @@ 0.75; 2.5
GRADC_GRAD
double bool_logic(double x, double y) {
  bool big = x > 1 || y > 2;
  bool both = x > 0 && y > 0;
  if (big && both) return x * y;
  return x - y;
}
