// Float math that gives the same bits on every IEEE-754 platform, for models
// whose gradients must agree bit-for-bit between a host and a board.
//
//   gradc_expf  gradc_expm1f  gradc_logf  gradc_log1pf  gradc_tanhf  gradc_sqrtf
//   gradc_norm2f(a, b) = gradc_sqrtf(a * a + b * b), an idiom (see the rules)
//
// A model calls these instead of std::exp etc.; gradc differentiates them with
// the rules at the end of this file, so generated code calls them too. Which
// code runs is chosen per build:
//
//   -DGRADC_PORTABLE_MATH=1   the implementations below: only float + - * /,
//                             comparisons and integer bit operations, no libm.
//                             Compile with -ffp-contract=off (no fused
//                             multiply-add), on a target whose float arithmetic
//                             is IEEE single precision with subnormals (x86-64
//                             SSE, Cortex-M4F with FPSCR.FZ = 0).
//   otherwise                 the platform's libm (expf, logf, ...), whose
//                             results differ between libraries by a few ULP.
//
// The portable functions are accurate to a few ULP (samples/embedded's
// portable_math_test measures them against a double-precision reference);
// sqrt is correctly rounded, as IEEE 754 requires of the hardware instruction. Freestanding:
// no headers but <stdint.h>, no allocation, no errno, float only.
#ifndef GRADC_PORTABLE_MATH_H
#define GRADC_PORTABLE_MATH_H

#include <gradc/gradc.h>
#include <stdint.h>

#if defined(GRADC_PORTABLE_MATH) && GRADC_PORTABLE_MATH

namespace gradc {
namespace portable_math_detail {

inline uint32_t bits(float x) { return __builtin_bit_cast(uint32_t, x); }
inline float from_bits(uint32_t b) { return __builtin_bit_cast(float, b); }

// 2^k for -126 <= k <= 127, built from its exponent field.
inline float pow2i(int k) { return from_bits(static_cast<uint32_t>(k + 127) << 23); }

constexpr float kLog2e = 1.44269502e+00f;
// ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 17 significant bits, so k * kLn2Hi is
// exact for |k| < 128 (fdlibm's split).
constexpr float kLn2Hi = 6.93138123e-01f;  // 0x3f317180
constexpr float kLn2Lo = 9.05800061e-06f;  // 0x3717f7d1

// x = k ln2 + r with k = round(x / ln2) and |r| <= ~ln2/2.
inline float reduce(float x, int* k) {
  const float t = x * kLog2e;
  *k = static_cast<int>(t + (t < 0.0f ? -0.5f : 0.5f));
  const float fk = static_cast<float>(*k);
  return (x - fk * kLn2Hi) - fk * kLn2Lo;
}

// e^r - 1 for |r| <= ~0.35 by its Taylor series to r^7: the truncation error
// is below r^8/8! = 5e-9 |r|, under a tenth of an ULP.
inline float expm1_kernel(float r) {
  const float p =
      0.5f + r * (1.66666672e-01f +
                  r * (4.16666679e-02f +
                       r * (8.33333377e-03f + r * (1.38888892e-03f + r * 1.98412701e-04f))));
  return r + r * r * p;
}

constexpr float kInf = __builtin_huge_valf();
constexpr float kNaN = __builtin_nanf("");

// Correctly rounded square root digit by digit on the integer significand
// (fdlibm's e_sqrtf), for targets without a square root instruction.
inline float sqrt_digits(float x) {
  if (x != x) return x;
  if (x == 0.0f) return x;  // keeps -0
  if (x < 0.0f) return kNaN;
  if (x == kInf) return x;
  int32_t ix = static_cast<int32_t>(bits(x));
  int32_t m = ix >> 23;
  if (m == 0) {  // subnormal: normalize
    int i = 0;
    for (; (ix & 0x00800000) == 0; ++i) ix <<= 1;
    m -= i - 1;
  }
  m -= 127;
  ix = (ix & 0x007fffff) | 0x00800000;
  if (m & 1) ix += ix;  // odd exponent: one more bit into the significand
  m = (m - (m & 1)) / 2;  // floor(m / 2)
  ix += ix;
  int32_t q = 0, s = 0;
  for (int32_t r = 0x01000000; r != 0; r >>= 1) {
    const int32_t t = s + r;
    if (t <= ix) {
      s = t + r;
      ix -= t;
      q += r;
    }
    ix += ix;
  }
  if (ix != 0) q += q & 1;  // round to nearest (a square root is never a tie)
  // Exponent m and significand q/2 back into bits, modulo 2^32 (m may be < 0).
  return from_bits(static_cast<uint32_t>(q >> 1) + 0x3f000000u + (static_cast<uint32_t>(m) << 23));
}

}  // namespace portable_math_detail
}  // namespace gradc

inline float gradc_expf(float x) {
  namespace d = gradc::portable_math_detail;
  if (x != x) return x;
  if (x > 89.0f) return d::kInf;  // e^88.73 already overflows
  if (x < -104.0f) return 0.0f;   // below half the smallest subnormal
  int k;
  const float r = d::reduce(x, &k);
  const float y = 1.0f + d::expm1_kernel(r);
  if (k > 127) return y * 2.0f * d::pow2i(k - 1);  // may round to +inf
  if (k < -125) return y * d::pow2i(k + 100) * d::pow2i(-100);  // one rounding into subnormals
  return y * d::pow2i(k);
}

inline float gradc_expm1f(float x) {
  namespace d = gradc::portable_math_detail;
  if (x != x) return x;
  if (x > 89.0f) return d::kInf;
  if (x < -18.0f) return -1.0f;  // e^-18 < 2^-25: rounds to -1
  int k;
  const float p = d::expm1_kernel(d::reduce(x, &k));
  if (k == 0) return p;
  if (k > 127) return (1.0f + p) * 2.0f * d::pow2i(k - 1);
  // e^x - 1 = 2^k (1 + p) - 1 = (2^k - 1) + 2^k p; 2^k - 1 and 2^k p are exact.
  const float t = d::pow2i(k);
  return (t - 1.0f) + t * p;
}

inline float gradc_logf(float x) {
  namespace d = gradc::portable_math_detail;
  if (x != x) return x;
  if (x < 0.0f) return d::kNaN;
  if (x == 0.0f) return -d::kInf;
  if (x == d::kInf) return x;
  int e = 0;
  if (x < 1.17549435e-38f) {  // subnormal: scale into the normal range
    x *= 33554432.0f;         // 2^25
    e = -25;
  }
  // x = 2^e m with m in [sqrt(1/2), sqrt(2)), f = m - 1 (exact).
  const uint32_t ix = d::bits(x);
  e += static_cast<int>(ix >> 23) - 127;
  uint32_t mbits = (ix & 0x007fffffu) | 0x3f800000u;
  if (mbits > 0x3fb504f3u) {  // m > sqrt(2): use m/2
    mbits -= 0x00800000u;
    e += 1;
  }
  const float f = d::from_bits(mbits) - 1.0f;
  // log(1+f) = 2 atanh(s), s = f/(2+f): 2s + s R(s^2) with
  // R = 2/3 z + 2/5 z^2 + ... (|s| <= 0.172, the z^5 term is < 1e-9 relative),
  // rearranged as f - (f^2/2 - s (f^2/2 + R)) for accuracy (fdlibm's logf).
  const float s = f / (2.0f + f);
  const float z = s * s;
  const float R = z * (6.66666687e-01f + z * (4.00000006e-01f + z * (2.85714298e-01f + z * 2.22222224e-01f)));
  const float hfsq = 0.5f * f * f;
  const float fe = static_cast<float>(e);
  return fe * d::kLn2Hi - ((hfsq - (s * (hfsq + R) + fe * d::kLn2Lo)) - f);
}

inline float gradc_log1pf(float x) {
  namespace d = gradc::portable_math_detail;
  if (x != x) return x;
  const float u = 1.0f + x;
  if (u == 1.0f) return x;           // |x| < 2^-24: log1p(x) = x to float precision
  if (u == d::kInf) return u;
  if (u <= 0.0f) return x == -1.0f ? -d::kInf : d::kNaN;
  // Kahan: log(u) * x / (u - 1) corrects for the rounding of 1 + x.
  return gradc_logf(u) * (x / (u - 1.0f));
}

inline float gradc_tanhf(float x) {
  namespace d = gradc::portable_math_detail;
  if (x != x) return x;
  const float a = x < 0.0f ? -x : x;
  // tanh a = (e^2a - 1) / (e^2a + 1); above 9.1 that rounds to 1.
  float t = 1.0f;
  if (a <= 9.1f) {
    const float u = gradc_expm1f(2.0f * a);
    t = u / (u + 2.0f);
  }
  return x < 0.0f ? -t : (x == 0.0f ? x : t);  // keeps the sign of -0
}

// Correctly rounded square root. IEEE 754 requires sqrt to be, so where the
// target has the instruction it gives the same bits as sqrt_digits; inline
// assembly, because __builtin_sqrtf would pull in libm's sqrtf for errno.
// Negative and NaN inputs are answered before: FPUs differ in the NaN they make.
inline float gradc_sqrtf(float x) {
  namespace d = gradc::portable_math_detail;
  if (!(x >= 0.0f)) return x != x ? x : d::kNaN;
#if defined(__ARM_FP) && (__ARM_FP & 4)  // single-precision VFP
  float r;
  __asm__("vsqrt.f32 %0, %1" : "=t"(r) : "t"(x));
  return r;
#elif defined(__SSE__) && (defined(__x86_64__) || defined(__i386__))
  float r;
  __asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
  return r;
#else
  return d::sqrt_digits(x);
#endif
}

#else  // the platform's libm

inline float gradc_expf(float x) { return __builtin_expf(x); }
inline float gradc_expm1f(float x) { return __builtin_expm1f(x); }
inline float gradc_logf(float x) { return __builtin_logf(x); }
inline float gradc_log1pf(float x) { return __builtin_log1pf(x); }
inline float gradc_tanhf(float x) { return __builtin_tanhf(x); }
inline float gradc_sqrtf(float x) { return __builtin_sqrtf(x); }

#endif

// The length of (a, b) as a model writes it with gradc_sqrtf: an idiom (its
// rule below), so the reverse sweep forms d_y / y once for both components.
inline float gradc_norm2f(float a, float b) { return gradc_sqrtf(a * a + b * b); }

// ---- derivative rules ---------------------------------------------------------
// gradc reads these (GRADC_RULE names the callee) and inlines them into
// generated code, retyped to float; they are never called. Written in double
// like gradc's built-in rules (templates/rules.hpp); y is the primal result,
// x is unnamed where unused so that -Wextra stays quiet.
namespace gradc_portable_rules {

// d/dx exp(x) = exp(x) = y
GRADC_RULE("gradc_expf")
inline void expf_pullback(double /*x*/, double y, double d_y, double* d_x) { *d_x += d_y * y; }

// d/dx expm1(x) = exp(x) = y + 1
GRADC_RULE("gradc_expm1f")
inline void expm1f_pullback(double /*x*/, double y, double d_y, double* d_x) { *d_x += d_y * (y + 1.0); }

// d/dx log(x) = 1/x
GRADC_RULE("gradc_logf")
inline void logf_pullback(double x, double d_y, double* d_x) { *d_x += d_y / x; }

// d/dx log1p(x) = 1/(1+x)
GRADC_RULE("gradc_log1pf")
inline void log1pf_pullback(double x, double d_y, double* d_x) { *d_x += d_y / (1.0 + x); }

// d/dx tanh(x) = 1 - tanh(x)^2 = 1 - y^2
GRADC_RULE("gradc_tanhf")
inline void tanhf_pullback(double /*x*/, double y, double d_y, double* d_x) { *d_x += d_y * (1.0 - y * y); }

// d/dx sqrt(x) = 1/(2 sqrt(x)) = 0.5/y
GRADC_RULE("gradc_sqrtf")
inline void sqrtf_pullback(double /*x*/, double y, double d_y, double* d_x) { *d_x += d_y * 0.5 / y; }

// d/da sqrt(a² + b²) = a / y (an idiom: where a model writes
// gradc_sqrtf(a * a + b * b), generated code calls gradc_norm2f)
GRADC_IDIOM(gradc_norm2f)
inline void norm2f_pullback(double a, double b, double y, double d_y, double* d_a, double* d_b) {
  const double scale = d_y / y;
  *d_a += scale * a;
  *d_b += scale * b;
}

}  // namespace gradc_portable_rules

#endif  // GRADC_PORTABLE_MATH_H
