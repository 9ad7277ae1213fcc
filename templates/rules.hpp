// gradc's built-in derivative rules (DESIGN.md §3).
//
// Every rule is a pullback: the primal arguments, optionally the primal result
// `y` (rules may reuse it instead of recomputing), the seed `d_y`, then one
// adjoint pointer per primal argument, updated only with `+=`. gradc inlines a
// rule by substituting names, so its body must be plain expressions over those
// parameters. Rules are written once, in double; gradc retypes them for float
// calls (literals become float literals, std:: math picks the float overload).
//
// GRADC_RULE lists the callee names the rule differentiates: C names and their
// std:: overloads alike ("exp" covers ::exp, std::exp(double) and
// std::exp(float)); "operator+" etc. are the built-in arithmetic operators.
// The comment above each rule is its math; gradc copies it into generated code.
//
// Conventions at non-differentiable points (tested in tests/rules):
//   fabs'(0) = 0;  fmax/fmin/std::max/std::min ties send the gradient to the
//   argument that is returned (the first one); std::clamp(v, lo, hi) at
//   v == lo or v == hi returns v, which gets it; sqrt'(0) = +inf (IEEE).
#ifndef GRADC_TEMPLATES_RULES_HPP
#define GRADC_TEMPLATES_RULES_HPP

#include <gradc/gradc.h>
#include <gradc/math.h>

// The rules are read in C as well (a .c input): the same bodies, with the
// math functions the language has (GRADC_RULE_MATH(cos) is std::cos in C++,
// cos in C, which gradc retypes to cosf for float calls when it writes C).
#ifdef __cplusplus
#include <algorithm>
#include <cmath>
#define GRADC_RULE_MATH(f) std::f
namespace gradc_rules {
#else
#include <math.h>
#define GRADC_RULE_MATH(f) f
#endif

// ---- arithmetic operators -------------------------------------------------

// d/da (a+b) = 1, d/db (a+b) = 1
GRADC_RULE("operator+")
inline void add_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += d_y;
  *d_b += d_y;
}

// d/da (a-b) = 1, d/db (a-b) = -1
GRADC_RULE("operator-")
inline void sub_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += d_y;
  *d_b += -d_y;
}

// d/da a*b = b, d/db a*b = a
GRADC_RULE("operator*")
inline void mul_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += d_y * b;
  *d_b += d_y * a;
}

// d/da a/b = 1/b, d/db a/b = -a/b^2 = -y/b
GRADC_RULE("operator/")
inline void div_pullback(double a, double b, double y, double d_y, double* d_a, double* d_b) {
  *d_a += d_y / b;
  *d_b += -(d_y * y / b);
}

// Shapes of an operator with a cheaper rule than the general one, keyed by
// the shape ("1/b", "a*a", "c*a*a"; no callee can have such a name). gradc picks
// these before the general rules of the same operators.

// d/db 1/b = -1/b^2 = -y^2
GRADC_RULE("1/b")
inline void recip_pullback(double b, double y, double d_y, double* d_b) {
  *d_b += -(d_y * (y * y));
}

// d/da a*a = 2a
GRADC_RULE("a*a")
inline void square_pullback(double a, double d_y, double* d_a) { *d_a += d_y * (2.0 * a); }

// d/dc c a a = a², d/da c a a = 2ca: `c * a * a`, which lowering writes
// t = c*a; u = t*a, in one accumulation into d_a (c constant) where the
// product rule makes two.
GRADC_RULE("c*a*a")
inline void scaled_square_pullback(double c, double a, double d_y, double* d_c, double* d_a) {
  *d_c += d_y * (a * a);
  *d_a += d_y * (2.0 * (c * a));
}

// d/dx (-x) = -1
GRADC_RULE("operator-")
inline void neg_pullback(double x, double d_y, double* d_x) { *d_x += -d_y; }

// ---- exponentials and logarithms ------------------------------------------

// d/dx exp(x) = exp(x) = y
GRADC_RULE("exp,expf")
inline void exp_pullback(double x, double y, double d_y, double* d_x) { *d_x += d_y * y; }

// d/dx exp2(x) = ln(2) * 2^x
GRADC_RULE("exp2,exp2f")
inline void exp2_pullback(double x, double y, double d_y, double* d_x) {
  *d_x += d_y * (0.6931471805599453 * y);
}

// d/dx expm1(x) = exp(x) = y + 1
GRADC_RULE("expm1,expm1f")
inline void expm1_pullback(double x, double y, double d_y, double* d_x) {
  *d_x += d_y * (y + 1.0);
}

// d/dx log(x) = 1/x
GRADC_RULE("log,logf")
inline void log_pullback(double x, double d_y, double* d_x) { *d_x += d_y / x; }

// d/dx log2(x) = 1/(x ln 2)
GRADC_RULE("log2,log2f")
inline void log2_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y / (x * 0.6931471805599453);
}

// d/dx log10(x) = 1/(x ln 10)
GRADC_RULE("log10,log10f")
inline void log10_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y / (x * 2.302585092994046);
}

// d/dx log1p(x) = 1/(1+x)
GRADC_RULE("log1p,log1pf")
inline void log1p_pullback(double x, double d_y, double* d_x) { *d_x += d_y / (1.0 + x); }

// ---- powers and roots -------------------------------------------------------

// d/dx sqrt(x) = 1/(2 sqrt(x)) = 0.5/y
GRADC_RULE("sqrt,sqrtf")
inline void sqrt_pullback(double x, double y, double d_y, double* d_x) { *d_x += d_y * 0.5 / y; }

// d/dx cbrt(x) = 1/(3 cbrt(x)^2) = 1/(3y^2)
GRADC_RULE("cbrt,cbrtf")
inline void cbrt_pullback(double x, double y, double d_y, double* d_x) {
  *d_x += d_y / (3.0 * y * y);
}

// d/dx x^p = p x^(p-1), d/dp x^p = ln(x) x^p (taken as 0 where x <= 0)
GRADC_RULE("pow,powf")
inline void pow_pullback(double x, double p, double y, double d_y, double* d_x, double* d_p) {
  *d_x += d_y * (p * GRADC_RULE_MATH(pow)(x, p - 1.0));
  *d_p += x > 0.0 ? d_y * (GRADC_RULE_MATH(log)(x) * y) : 0.0;
}

// d/dx hypot(x,z) = x/h, d/dz hypot(x,z) = z/h
GRADC_RULE("hypot,hypotf")
inline void hypot_pullback(double x, double z, double y, double d_y, double* d_x, double* d_z) {
  *d_x += d_y * x / y;
  *d_z += d_y * z / y;
}

// d/da hypot(a,b,c) = a/h, d/db = b/h, d/dc = c/h
GRADC_RULE("hypot,hypotf")
inline void hypot3_pullback(double a, double b, double c, double y, double d_y, double* d_a, double* d_b,
                            double* d_c) {
  *d_a += d_y * a / y;
  *d_b += d_y * b / y;
  *d_c += d_y * c / y;
}

// ---- trigonometric ----------------------------------------------------------

// d/dx sin(x) = cos(x)
GRADC_RULE("sin,sinf")
inline void sin_pullback(double x, double d_y, double* d_x) { *d_x += d_y * GRADC_RULE_MATH(cos)(x); }

// d/dx cos(x) = -sin(x)
GRADC_RULE("cos,cosf")
inline void cos_pullback(double x, double d_y, double* d_x) { *d_x += -(d_y * GRADC_RULE_MATH(sin)(x)); }

// d/dx tan(x) = 1 + tan(x)^2
GRADC_RULE("tan,tanf")
inline void tan_pullback(double x, double y, double d_y, double* d_x) {
  *d_x += d_y * (1.0 + y * y);
}

// d/dx asin(x) = 1/sqrt(1-x^2)
GRADC_RULE("asin,asinf")
inline void asin_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y / GRADC_RULE_MATH(sqrt)(1.0 - x * x);
}

// d/dx acos(x) = -1/sqrt(1-x^2)
GRADC_RULE("acos,acosf")
inline void acos_pullback(double x, double d_y, double* d_x) {
  *d_x += -(d_y / GRADC_RULE_MATH(sqrt)(1.0 - x * x));
}

// d/dx atan(x) = 1/(1+x^2)
GRADC_RULE("atan,atanf")
inline void atan_pullback(double x, double d_y, double* d_x) { *d_x += d_y / (1.0 + x * x); }

// d/da atan2(a,b) = b/(a^2+b^2), d/db atan2(a,b) = -a/(a^2+b^2)
GRADC_RULE("atan2,atan2f")
inline void atan2_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += d_y * b / (a * a + b * b);
  *d_b += -(d_y * a / (a * a + b * b));
}

// ---- hyperbolic and special -------------------------------------------------

// d/dx sinh(x) = cosh(x)
GRADC_RULE("sinh,sinhf")
inline void sinh_pullback(double x, double d_y, double* d_x) { *d_x += d_y * GRADC_RULE_MATH(cosh)(x); }

// d/dx cosh(x) = sinh(x)
GRADC_RULE("cosh,coshf")
inline void cosh_pullback(double x, double d_y, double* d_x) { *d_x += d_y * GRADC_RULE_MATH(sinh)(x); }

// d/dx tanh(x) = 1 - tanh(x)^2
GRADC_RULE("tanh,tanhf")
inline void tanh_pullback(double x, double y, double d_y, double* d_x) {
  *d_x += d_y * (1.0 - y * y);
}

// d/dx erf(x) = 2/sqrt(pi) exp(-x^2)
GRADC_RULE("erf,erff")
inline void erf_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y * (1.1283791670955126 * GRADC_RULE_MATH(exp)(-(x * x)));
}

// d/dx erfc(x) = -2/sqrt(pi) exp(-x^2)
GRADC_RULE("erfc,erfcf")
inline void erfc_pullback(double x, double d_y, double* d_x) {
  *d_x += -(d_y * (1.1283791670955126 * GRADC_RULE_MATH(exp)(-(x * x))));
}

// d/dx asinh(x) = 1/sqrt(x^2+1)
GRADC_RULE("asinh,asinhf")
inline void asinh_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y / GRADC_RULE_MATH(sqrt)(x * x + 1.0);
}

// d/dx acosh(x) = 1/sqrt(x^2-1), as 1/(sqrt(x-1) sqrt(x+1)) (no cancellation near 1)
GRADC_RULE("acosh,acoshf")
inline void acosh_pullback(double x, double d_y, double* d_x) {
  *d_x += d_y / (GRADC_RULE_MATH(sqrt)(x - 1.0) * GRADC_RULE_MATH(sqrt)(x + 1.0));
}

// d/dx atanh(x) = 1/(1-x^2)
GRADC_RULE("atanh,atanhf")
inline void atanh_pullback(double x, double d_y, double* d_x) { *d_x += d_y / (1.0 - x * x); }

// ---- fused and sign ---------------------------------------------------------

// d/da fma(a,b,c) = b, d/db = a, d/dc = 1
GRADC_RULE("fma,fmaf")
inline void fma_pullback(double a, double b, double c, double d_y, double* d_a, double* d_b, double* d_c) {
  *d_a += d_y * b;
  *d_b += d_y * a;
  *d_c += d_y;
}

// d/da copysign(a,b) = sign(a) sign(b), taken as 0 at a = 0; d/db = 0
GRADC_RULE("copysign,copysignf")
inline void copysign_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += a > 0.0 ? d_y * GRADC_RULE_MATH(copysign)(1.0, b) : (a < 0.0 ? -(d_y * GRADC_RULE_MATH(copysign)(1.0, b)) : 0.0);
}

// ---- piecewise --------------------------------------------------------------

// d/dx |x| = sign(x), taken as 0 at x = 0
GRADC_RULE("fabs,fabsf,abs")
inline void fabs_pullback(double x, double d_y, double* d_x) {
  *d_x += x > 0.0 ? d_y : (x < 0.0 ? -d_y : 0.0);
}

// fmax routes the gradient to the argument it returns (a on ties, the non-NaN one)
GRADC_RULE("fmax,fmaxf")
inline void fmax_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += (a >= b || b != b) ? d_y : 0.0;
  *d_b += (a >= b || b != b) ? 0.0 : d_y;
}

// fmin routes the gradient to the argument it returns (a on ties, the non-NaN one)
GRADC_RULE("fmin,fminf")
inline void fmin_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += (a <= b || b != b) ? d_y : 0.0;
  *d_b += (a <= b || b != b) ? 0.0 : d_y;
}

// std::max(a,b) returns (a < b) ? b : a; the gradient follows the returned argument
GRADC_RULE("max")
inline void max_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += a < b ? 0.0 : d_y;
  *d_b += a < b ? d_y : 0.0;
}

// std::min(a,b) returns (b < a) ? b : a; the gradient follows the returned argument
GRADC_RULE("min")
inline void min_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += b < a ? 0.0 : d_y;
  *d_b += b < a ? d_y : 0.0;
}

// std::clamp(v,lo,hi) returns v < lo ? lo : (hi < v ? hi : v); the gradient follows the returned argument
GRADC_RULE("clamp")
inline void clamp_pullback(double v, double lo, double hi, double d_y, double* d_v, double* d_lo, double* d_hi) {
  *d_v += (v < lo || hi < v) ? 0.0 : d_y;
  *d_lo += v < lo ? d_y : 0.0;
  *d_hi += (v < lo || !(hi < v)) ? 0.0 : d_y;
}

// fmod(a,b) = a - n b, n = trunc(a/b) an integer: d/da = 1, d/db = -n; n read
// back from the result, (a - y)/b rounded, exact where fmod is differentiable
GRADC_RULE("fmod,fmodf")
inline void fmod_pullback(double a, double b, double y, double d_y, double* d_a, double* d_b) {
  *d_a += d_y;
  *d_b += -(d_y * GRADC_RULE_MATH(round)((a - y) / b));
}

// remainder(a,b) = a - n b, n = a/b rounded to the nearest integer: d/da = 1, d/db = -n
GRADC_RULE("remainder,remainderf")
inline void remainder_pullback(double a, double b, double y, double d_y, double* d_a, double* d_b) {
  *d_a += d_y;
  *d_b += -(d_y * GRADC_RULE_MATH(round)((a - y) / b));
}

// fdim(a,b) = a - b where a > b, else 0: the gradient goes through where it is a - b
GRADC_RULE("fdim,fdimf")
inline void fdim_pullback(double a, double b, double d_y, double* d_a, double* d_b) {
  *d_a += a > b ? d_y : 0.0;
  *d_b += a > b ? -d_y : 0.0;
}

// ---- piecewise constant: derivative 0 wherever it exists --------------------

// d/dx floor(x) = 0
GRADC_RULE("floor,floorf")
inline void floor_pullback(double x, double d_y, double* d_x) {}

// d/dx ceil(x) = 0
GRADC_RULE("ceil,ceilf")
inline void ceil_pullback(double x, double d_y, double* d_x) {}

// d/dx round(x) = 0
GRADC_RULE("round,roundf")
inline void round_pullback(double x, double d_y, double* d_x) {}

// d/dx rint(x) = 0
GRADC_RULE("rint,rintf")
inline void rint_pullback(double x, double d_y, double* d_x) {}

// d/dx nearbyint(x) = 0
GRADC_RULE("nearbyint,nearbyintf")
inline void nearbyint_pullback(double x, double d_y, double* d_x) {}

// d/dx trunc(x) = 0
GRADC_RULE("trunc,truncf")
inline void trunc_pullback(double x, double d_y, double* d_x) {}

#ifdef __cplusplus  // (gradc/math.h's functions are C++)
// ---- idioms: expressions written inline, differentiated whole -----------------
//
// GRADC_IDIOM(f) names a function whose body is `return <expression>;`. Where
// a model writes that expression (up to parentheses, implicit conversions,
// literal spellings such as 1 / 1.0 / 1.0f, and exp / expf / std::exp), gradc
// emits a call to f and differentiates it with the pullback below, instead of
// differentiating the expression's operations one by one.

// d/dx 1/(1+exp(-x)) = y (1 - y)
GRADC_IDIOM(gradc::sigmoid)
inline void sigmoid_pullback(double x, double y, double d_y, double* d_x) {
  *d_x += d_y * (y * (1.0 - y));
}

// d/da sqrt(a² + b²) = a / y: one division shared by both components, where
// sqrt's and the squares' rules would make d_y * 0.5 / y, then 2a and 2b
GRADC_IDIOM(gradc::norm2)
inline void norm2_pullback(double a, double b, double y, double d_y, double* d_a, double* d_b) {
  const double scale = d_y / y;
  *d_a += scale * a;
  *d_b += scale * b;
}

}  // namespace gradc_rules
#endif  // __cplusplus
#undef GRADC_RULE_MATH

#endif  // GRADC_TEMPLATES_RULES_HPP
