// Forward-mode dual numbers: the fuzzer's independent reference for gradc's
// reverse-mode gradients (see README.md in this folder).
//
// Dual<S> carries a value v, one tangent d (the derivative along the seeded
// input) and a magnitude m: the same derivative computed with |partial|
// everywhere, i.e. the sum over all paths of |product of local partials|.
// m >= |d|; it is the scale of the rounding error of d (cancellation makes |d|
// small but not m), and m == 0 means "does not depend on the seeded input".
//
// The derivative formulas mirror templates/rules.hpp, including its
// conventions at non-differentiable points:
//   fabs'(0) = 0; fmax/fmin/std::max/std::min send the whole tangent to the
//   argument they return (the first one on ties; fmax(x, NaN) -> x);
//   d/dp pow(x, p) = log(x) x^p where x > 0, else 0; sqrt'(0) = +inf.
// It also carries e, a running bound on the rounding error of v (Wilkinson's
// running error analysis: each operation adds its propagated input errors and
// its own rounding, half an ulp for + - * /, two ulps for a libm function):
// float code whose value is ill-conditioned (sin(8 * cosh(...))) may differ
// from another evaluation of it (a compiler folding a call at compile time,
// correctly rounded, instead of calling libm) by about that much.
//
// A partial is multiplied only into an operand that depends on the seeded
// input (m != 0), so an infinite partial of a constant operand does not turn
// the tangent into NaN (gradc's activity analysis does the same).
//
// Only same-type operations exist: the reference code that the generator
// writes casts every operand explicitly (D(x), F(x)) to the type C++'s usual
// arithmetic conversions give it, so Dual<double>/Dual<float> mixes follow the
// original program's float/double semantics exactly.
#ifndef GRADC_FUZZ_DUAL_HPP
#define GRADC_FUZZ_DUAL_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace fzdual {

template <class S>
struct Dual {
  S v = 0;  // value
  S d = 0;  // tangent
  S m = 0;  // magnitude: sum over paths of |product of partials|
  S e = 0;  // bound on the rounding error of v

  Dual() = default;
  template <class A, std::enable_if_t<std::is_arithmetic<A>::value, int> = 0>
  explicit Dual(A a) : v(static_cast<S>(a)) {}
  // An input: value and seed tangent.
  Dual(S value, S tangent) : v(value), d(tangent), m(std::fabs(tangent)) {}
  template <class S2, std::enable_if_t<!std::is_same<S, S2>::value, int> = 0>
  explicit Dual(const Dual<S2>& o)
      : v(static_cast<S>(o.v)),
        d(static_cast<S>(o.d)),
        m(static_cast<S>(o.m)),
        e(static_cast<S>(o.e) + unit() * std::fabs(static_cast<S>(o.v))) {}

  static constexpr S unit() { return std::numeric_limits<S>::epsilon() / 2; }
};

namespace detail {
template <class S>
Dual<S> make(S v, S d, S m, S e = 0) {
  Dual<S> r;
  r.v = v;
  r.d = d;
  r.m = m;
  r.e = e;
  return r;
}
// |p| * err, 0 when err is 0 (also for an infinite p).
template <class S>
S carry(S p, S err) {
  return err == 0 ? S(0) : std::fabs(p) * err;
}
// The rounding of a libm result: two ulps.
template <class S>
S libm(S y) {
  return 4 * Dual<S>::unit() * std::fabs(y);
}
template <class S>
bool active(const Dual<S>& a) {
  return a.m != 0 || a.d != 0;
}
// y = f(a) with local partial p = f'(a).
template <class S>
Dual<S> chain1(S y, const Dual<S>& a, S p) {
  S e = carry(p, a.e) + libm(y);
  if (!active(a)) return make<S>(y, 0, 0, e);
  return make<S>(y, p * a.d, std::fabs(p) * a.m, e);
}
// y = f(a, b) with local partials pa, pb.
template <class S>
Dual<S> chain2(S y, const Dual<S>& a, S pa, const Dual<S>& b, S pb) {
  S d = 0, m = 0;
  if (active(a)) {
    d += pa * a.d;
    m += std::fabs(pa) * a.m;
  }
  if (active(b)) {
    d += pb * b.d;
    m += std::fabs(pb) * b.m;
  }
  return make<S>(y, d, m, carry(pa, a.e) + carry(pb, b.e) + libm(y));
}
// The same for + - * /: half an ulp of rounding.
template <class S>
Dual<S> arith(Dual<S> r) {
  r.e -= libm(r.v) - Dual<S>::unit() * std::fabs(r.v);
  return r;
}
}  // namespace detail

// ---- arithmetic ---------------------------------------------------------------

template <class S>
Dual<S> operator+(const Dual<S>& a, const Dual<S>& b) {
  S y = a.v + b.v;
  return detail::make<S>(y, a.d + b.d, a.m + b.m, a.e + b.e + Dual<S>::unit() * std::fabs(y));
}
template <class S>
Dual<S> operator-(const Dual<S>& a, const Dual<S>& b) {
  S y = a.v - b.v;
  return detail::make<S>(y, a.d - b.d, a.m + b.m, a.e + b.e + Dual<S>::unit() * std::fabs(y));
}
// A GRADC_NONDIFF helper's result: its value, no tangent (a constant to the gradient).
template <class S>
Dual<S> nondiff(const Dual<S>& a) {
  return detail::make<S>(a.v, S(0), S(0), a.e);
}
template <class S>
Dual<S> operator-(const Dual<S>& a) {
  return detail::make<S>(-a.v, -a.d, a.m, a.e);
}
template <class S>
Dual<S> operator*(const Dual<S>& a, const Dual<S>& b) {
  return detail::arith(detail::chain2<S>(a.v * b.v, a, b.v, b, a.v));
}
// d/da a/b = 1/b, d/db a/b = -y/b
template <class S>
Dual<S> operator/(const Dual<S>& a, const Dual<S>& b) {
  S y = a.v / b.v;
  return detail::arith(detail::chain2<S>(y, a, S(1) / b.v, b, -(y / b.v)));
}

template <class S>
bool operator<(const Dual<S>& a, const Dual<S>& b) {
  return a.v < b.v;
}
template <class S>
bool operator>(const Dual<S>& a, const Dual<S>& b) {
  return a.v > b.v;
}
template <class S>
bool operator<=(const Dual<S>& a, const Dual<S>& b) {
  return a.v <= b.v;
}
template <class S>
bool operator>=(const Dual<S>& a, const Dual<S>& b) {
  return a.v >= b.v;
}
template <class S>
bool operator==(const Dual<S>& a, const Dual<S>& b) {
  return a.v == b.v;
}
template <class S>
bool operator!=(const Dual<S>& a, const Dual<S>& b) {
  return a.v != b.v;
}

// ---- exponentials and logarithms ------------------------------------------------

template <class S>
Dual<S> exp(const Dual<S>& a) {
  S y = std::exp(a.v);
  return detail::chain1<S>(y, a, y);
}
template <class S>
Dual<S> exp2(const Dual<S>& a) {
  S y = std::exp2(a.v);
  return detail::chain1<S>(y, a, S(0.6931471805599453) * y);
}
template <class S>
Dual<S> expm1(const Dual<S>& a) {
  S y = std::expm1(a.v);
  return detail::chain1<S>(y, a, y + S(1));
}
template <class S>
Dual<S> log(const Dual<S>& a) {
  return detail::chain1<S>(std::log(a.v), a, S(1) / a.v);
}
template <class S>
Dual<S> log2(const Dual<S>& a) {
  return detail::chain1<S>(std::log2(a.v), a, S(1) / (a.v * S(0.6931471805599453)));
}
template <class S>
Dual<S> log10(const Dual<S>& a) {
  return detail::chain1<S>(std::log10(a.v), a, S(1) / (a.v * S(2.302585092994046)));
}
template <class S>
Dual<S> log1p(const Dual<S>& a) {
  return detail::chain1<S>(std::log1p(a.v), a, S(1) / (S(1) + a.v));
}

// ---- powers and roots -------------------------------------------------------------

template <class S>
Dual<S> sqrt(const Dual<S>& a) {
  S y = std::sqrt(a.v);
  return detail::chain1<S>(y, a, S(0.5) / y);
}
template <class S>
Dual<S> cbrt(const Dual<S>& a) {
  S y = std::cbrt(a.v);
  return detail::chain1<S>(y, a, S(1) / (S(3) * y * y));
}
template <class S>
Dual<S> pow(const Dual<S>& x, const Dual<S>& p) {
  S y = std::pow(x.v, p.v);
  S px = p.v * std::pow(x.v, p.v - S(1));
  S pp = x.v > S(0) ? std::log(x.v) * y : S(0);
  return detail::chain2<S>(y, x, px, p, pp);
}
template <class S>
Dual<S> hypot(const Dual<S>& a, const Dual<S>& b) {
  S y = std::hypot(a.v, b.v);
  return detail::chain2<S>(y, a, a.v / y, b, b.v / y);
}

// ---- trigonometric ------------------------------------------------------------------

template <class S>
Dual<S> sin(const Dual<S>& a) {
  return detail::chain1<S>(std::sin(a.v), a, std::cos(a.v));
}
template <class S>
Dual<S> cos(const Dual<S>& a) {
  return detail::chain1<S>(std::cos(a.v), a, -std::sin(a.v));
}
template <class S>
Dual<S> tan(const Dual<S>& a) {
  S y = std::tan(a.v);
  return detail::chain1<S>(y, a, S(1) + y * y);
}
template <class S>
Dual<S> asin(const Dual<S>& a) {
  return detail::chain1<S>(std::asin(a.v), a, S(1) / std::sqrt(S(1) - a.v * a.v));
}
template <class S>
Dual<S> acos(const Dual<S>& a) {
  return detail::chain1<S>(std::acos(a.v), a, -(S(1) / std::sqrt(S(1) - a.v * a.v)));
}
template <class S>
Dual<S> atan(const Dual<S>& a) {
  return detail::chain1<S>(std::atan(a.v), a, S(1) / (S(1) + a.v * a.v));
}
template <class S>
Dual<S> atan2(const Dual<S>& a, const Dual<S>& b) {
  S r = a.v * a.v + b.v * b.v;
  return detail::chain2<S>(std::atan2(a.v, b.v), a, b.v / r, b, -(a.v / r));
}

// ---- hyperbolic and special -----------------------------------------------------------

template <class S>
Dual<S> sinh(const Dual<S>& a) {
  return detail::chain1<S>(std::sinh(a.v), a, std::cosh(a.v));
}
template <class S>
Dual<S> cosh(const Dual<S>& a) {
  return detail::chain1<S>(std::cosh(a.v), a, std::sinh(a.v));
}
template <class S>
Dual<S> tanh(const Dual<S>& a) {
  S y = std::tanh(a.v);
  return detail::chain1<S>(y, a, S(1) - y * y);
}
template <class S>
Dual<S> erf(const Dual<S>& a) {
  return detail::chain1<S>(std::erf(a.v), a, S(1.1283791670955126) * std::exp(-(a.v * a.v)));
}

template <class S>
Dual<S> erfc(const Dual<S>& a) {
  return detail::chain1<S>(std::erfc(a.v), a, -(S(1.1283791670955126) * std::exp(-(a.v * a.v))));
}
template <class S>
Dual<S> asinh(const Dual<S>& a) {
  return detail::chain1<S>(std::asinh(a.v), a, S(1) / std::sqrt(a.v * a.v + S(1)));
}
template <class S>
Dual<S> acosh(const Dual<S>& a) {
  return detail::chain1<S>(std::acosh(a.v), a, S(1) / (std::sqrt(a.v - S(1)) * std::sqrt(a.v + S(1))));
}
template <class S>
Dual<S> atanh(const Dual<S>& a) {
  return detail::chain1<S>(std::atanh(a.v), a, S(1) / (S(1) - a.v * a.v));
}
// fma rounds once: half an ulp, like an arithmetic operation.
template <class S>
Dual<S> fma(const Dual<S>& a, const Dual<S>& b, const Dual<S>& c) {
  Dual<S> r = detail::chain2<S>(std::fma(a.v, b.v, c.v), a, b.v, b, a.v);
  if (detail::active(c)) {
    r.d += c.d;
    r.m += c.m;
  }
  r.e += c.e;
  return detail::arith(r);
}

// ---- piecewise ----------------------------------------------------------------------------

// copysign(a, b) = |a| sign(b): exact; sign(a) sign(b) for a, 0 at a = 0.
template <class S>
Dual<S> copysign(const Dual<S>& a, const Dual<S>& b) {
  S s = a.v > S(0) ? std::copysign(S(1), b.v) : (a.v < S(0) ? -std::copysign(S(1), b.v) : S(0));
  Dual<S> r = detail::chain1<S>(std::copysign(a.v, b.v), a, s);
  r.e = a.e;
  return r;
}
// fdim(a, b) = a - b where a > b, else 0.
template <class S>
Dual<S> fdim(const Dual<S>& a, const Dual<S>& b) {
  if (!(a.v > b.v)) return detail::make<S>(S(0), 0, 0, 0);
  return detail::arith(detail::chain2<S>(std::fdim(a.v, b.v), a, S(1), b, S(-1)));
}

template <class S>
Dual<S> fabs(const Dual<S>& a) {
  S s = a.v > S(0) ? S(1) : (a.v < S(0) ? S(-1) : S(0));
  Dual<S> r = detail::chain1<S>(std::fabs(a.v), a, s);
  r.e = a.e;
  return r;
}
template <class S>
Dual<S> abs(const Dual<S>& a) {
  return fabs(a);
}
// fmax returns the non-NaN argument; on ties (and when both are NaN) the first.
// (The selected argument carries the larger error bound of the two: rounding
// can make the other one the larger.)
template <class S>
Dual<S> pick(Dual<S> r, const Dual<S>& a, const Dual<S>& b) {
  r.e = std::max(a.e, b.e);
  return r;
}
template <class S>
Dual<S> fmax(const Dual<S>& a, const Dual<S>& b) {
  return pick((a.v >= b.v || b.v != b.v) ? a : b, a, b);
}
template <class S>
Dual<S> fmin(const Dual<S>& a, const Dual<S>& b) {
  return pick((a.v <= b.v || b.v != b.v) ? a : b, a, b);
}
// std::max(a, b) is (a < b) ? b : a; std::min(a, b) is (b < a) ? b : a.
template <class S>
Dual<S> max(const Dual<S>& a, const Dual<S>& b) {
  return pick((a.v < b.v) ? b : a, a, b);
}
template <class S>
Dual<S> min(const Dual<S>& a, const Dual<S>& b) {
  return pick((b.v < a.v) ? b : a, a, b);
}
// Step functions: derivative 0. (The error bound does not cover the jumps.)
#define FZDUAL_STEP(f)                                 \
  template <class S>                                   \
  Dual<S> f(const Dual<S>& a) {                        \
    return detail::make<S>(std::f(a.v), 0, 0, a.e);    \
  }
FZDUAL_STEP(floor)
FZDUAL_STEP(ceil)
FZDUAL_STEP(round)
FZDUAL_STEP(trunc)
FZDUAL_STEP(rint)
FZDUAL_STEP(nearbyint)
#undef FZDUAL_STEP

}  // namespace fzdual

#endif  // GRADC_FUZZ_DUAL_HPP
