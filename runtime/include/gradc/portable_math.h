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

// C99 and C++ alike: static inline functions in C (C's plain inline would
// need an extern definition), inline in C++; the helpers are prefixed
// gradc_pm_ in both (C has no namespaces).
#ifdef __cplusplus
#define GRADC_PM_INLINE inline
#define GRADC_PM_CONST constexpr
#define GRADC_PM_UNUSED(x)
#else
#define GRADC_PM_INLINE static inline
#define GRADC_PM_CONST static const
#define GRADC_PM_UNUSED(x) x __attribute__((unused))
#endif

#if defined(GRADC_PORTABLE_MATH) && GRADC_PORTABLE_MATH

#ifdef __cplusplus
GRADC_PM_INLINE uint32_t gradc_pm_bits(float x) { return __builtin_bit_cast(uint32_t, x); }
GRADC_PM_INLINE float gradc_pm_from_bits(uint32_t b) { return __builtin_bit_cast(float, b); }
#else  // (a union reinterprets in C99)
GRADC_PM_INLINE uint32_t gradc_pm_bits(float x) {
  union { float f; uint32_t u; } v;
  v.f = x;
  return v.u;
}
GRADC_PM_INLINE float gradc_pm_from_bits(uint32_t b) {
  union { float f; uint32_t u; } v;
  v.u = b;
  return v.f;
}
#endif

// 2^k for -126 <= k <= 127, built from its exponent field.
GRADC_PM_INLINE float gradc_pm_pow2i(int k) { return gradc_pm_from_bits((uint32_t)(k + 127) << 23); }

GRADC_PM_CONST float gradc_pm_kLog2e = 1.44269502e+00f;
// ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 17 significant bits, so k * kLn2Hi is
// exact for |k| < 128 (fdlibm's split).
GRADC_PM_CONST float gradc_pm_kLn2Hi = 6.93138123e-01f;  // 0x3f317180
GRADC_PM_CONST float gradc_pm_kLn2Lo = 9.05800061e-06f;  // 0x3717f7d1

// x = k ln2 + r with k = round(x / ln2) and |r| <= ~ln2/2.
GRADC_PM_INLINE float gradc_pm_reduce(float x, int* k) {
  const float t = x * gradc_pm_kLog2e;
  *k = (int)(t + (t < 0.0f ? -0.5f : 0.5f));
  const float fk = (float)(*k);
  return (x - fk * gradc_pm_kLn2Hi) - fk * gradc_pm_kLn2Lo;
}

// e^r - 1 for |r| <= ~0.35 by its Taylor series to r^7: the truncation error
// is below r^8/8! = 5e-9 |r|, under a tenth of an ULP.
GRADC_PM_INLINE float gradc_pm_expm1_kernel(float r) {
  const float p =
      0.5f + r * (1.66666672e-01f +
                  r * (4.16666679e-02f +
                       r * (8.33333377e-03f + r * (1.38888892e-03f + r * 1.98412701e-04f))));
  return r + r * r * p;
}

GRADC_PM_CONST float gradc_pm_kInf = __builtin_huge_valf();
GRADC_PM_CONST float gradc_pm_kNaN = __builtin_nanf("");

// Correctly rounded square root digit by digit on the integer significand
// (fdlibm's e_sqrtf), for targets without a square root instruction.
GRADC_PM_INLINE float gradc_pm_sqrt_digits(float x) {
  if (x != x) return x;
  if (x == 0.0f) return x;  // keeps -0
  if (x < 0.0f) return gradc_pm_kNaN;
  if (x == gradc_pm_kInf) return x;
  int32_t ix = (int32_t)(gradc_pm_bits(x));
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
  return gradc_pm_from_bits((uint32_t)(q >> 1) + 0x3f000000u + ((uint32_t)(m) << 23));
}

GRADC_PM_INLINE float gradc_expf(float x) {
  if (x != x) return x;
  if (x > 89.0f) return gradc_pm_kInf;  // e^88.73 already overflows
  if (x < -104.0f) return 0.0f;   // below half the smallest subnormal
  int k;
  const float r = gradc_pm_reduce(x, &k);
  const float y = 1.0f + gradc_pm_expm1_kernel(r);
  if (k > 127) return y * 2.0f * gradc_pm_pow2i(k - 1);  // may round to +inf
  if (k < -125) return y * gradc_pm_pow2i(k + 100) * gradc_pm_pow2i(-100);  // one rounding into subnormals
  return y * gradc_pm_pow2i(k);
}

GRADC_PM_INLINE float gradc_expm1f(float x) {
  if (x != x) return x;
  if (x > 89.0f) return gradc_pm_kInf;
  if (x < -18.0f) return -1.0f;  // e^-18 < 2^-25: rounds to -1
  int k;
  const float p = gradc_pm_expm1_kernel(gradc_pm_reduce(x, &k));
  if (k == 0) return p;
  if (k > 127) return (1.0f + p) * 2.0f * gradc_pm_pow2i(k - 1);
  // e^x - 1 = 2^k (1 + p) - 1 = (2^k - 1) + 2^k p; 2^k - 1 and 2^k p are exact.
  const float t = gradc_pm_pow2i(k);
  return (t - 1.0f) + t * p;
}

GRADC_PM_INLINE float gradc_logf(float x) {
  if (x != x) return x;
  if (x < 0.0f) return gradc_pm_kNaN;
  if (x == 0.0f) return -gradc_pm_kInf;
  if (x == gradc_pm_kInf) return x;
  int e = 0;
  if (x < 1.17549435e-38f) {  // subnormal: scale into the normal range
    x *= 33554432.0f;         // 2^25
    e = -25;
  }
  // x = 2^e m with m in [sqrt(1/2), sqrt(2)), f = m - 1 (exact).
  const uint32_t ix = gradc_pm_bits(x);
  e += (int)(ix >> 23) - 127;
  uint32_t mbits = (ix & 0x007fffffu) | 0x3f800000u;
  if (mbits > 0x3fb504f3u) {  // m > sqrt(2): use m/2
    mbits -= 0x00800000u;
    e += 1;
  }
  const float f = gradc_pm_from_bits(mbits) - 1.0f;
  // log(1+f) = 2 atanh(s), s = f/(2+f): 2s + s R(s^2) with
  // R = 2/3 z + 2/5 z^2 + ... (|s| <= 0.172, the z^5 term is < 1e-9 relative),
  // rearranged as f - (f^2/2 - s (f^2/2 + R)) for accuracy (fdlibm's logf).
  const float s = f / (2.0f + f);
  const float z = s * s;
  const float R = z * (6.66666687e-01f + z * (4.00000006e-01f + z * (2.85714298e-01f + z * 2.22222224e-01f)));
  const float hfsq = 0.5f * f * f;
  const float fe = (float)(e);
  return fe * gradc_pm_kLn2Hi - ((hfsq - (s * (hfsq + R) + fe * gradc_pm_kLn2Lo)) - f);
}

GRADC_PM_INLINE float gradc_log1pf(float x) {
  if (x != x) return x;
  const float u = 1.0f + x;
  if (u == 1.0f) return x;           // |x| < 2^-24: log1p(x) = x to float precision
  if (u == gradc_pm_kInf) return u;
  if (u <= 0.0f) return x == -1.0f ? -gradc_pm_kInf : gradc_pm_kNaN;
  // Kahan: log(u) * x / (u - 1) corrects for the rounding of 1 + x.
  return gradc_logf(u) * (x / (u - 1.0f));
}

GRADC_PM_INLINE float gradc_tanhf(float x) {
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
GRADC_PM_INLINE float gradc_sqrtf(float x) {
  if (!(x >= 0.0f)) return x != x ? x : gradc_pm_kNaN;
#if defined(__ARM_FP) && (__ARM_FP & 4)  // single-precision VFP
  float r;
  __asm__("vsqrt.f32 %0, %1" : "=t"(r) : "t"(x));
  return r;
#elif defined(__SSE__) && (defined(__x86_64__) || defined(__i386__))
  float r;
  __asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
  return r;
#else
  return gradc_pm_sqrt_digits(x);
#endif
}

#else  // the platform's libm

GRADC_PM_INLINE float gradc_expf(float x) { return __builtin_expf(x); }
GRADC_PM_INLINE float gradc_expm1f(float x) { return __builtin_expm1f(x); }
GRADC_PM_INLINE float gradc_logf(float x) { return __builtin_logf(x); }
GRADC_PM_INLINE float gradc_log1pf(float x) { return __builtin_log1pf(x); }
GRADC_PM_INLINE float gradc_tanhf(float x) { return __builtin_tanhf(x); }
GRADC_PM_INLINE float gradc_sqrtf(float x) { return __builtin_sqrtf(x); }

#endif

// The length of (a, b) as a model writes it with gradc_sqrtf: an idiom (its
// rule below), so the reverse sweep forms d_y / y once for both components.
GRADC_PM_INLINE float gradc_norm2f(float a, float b) { return gradc_sqrtf(a * a + b * b); }

// ---- derivative rules ---------------------------------------------------------
// gradc reads these (GRADC_RULE names the callee) and inlines them into
// generated code, retyped to float; they are never called. Written in double
// like gradc's built-in rules (templates/rules.hpp); y is the primal result,
// x is unnamed where unused so that -Wextra stays quiet.
#ifdef __cplusplus
namespace gradc_portable_rules {
#endif

// d/dx exp(x) = exp(x) = y
GRADC_RULE("gradc_expf")
GRADC_PM_INLINE void expf_pullback(double GRADC_PM_UNUSED(x), double y, double d_y, double* d_x) { *d_x += d_y * y; }

// d/dx expm1(x) = exp(x) = y + 1
GRADC_RULE("gradc_expm1f")
GRADC_PM_INLINE void expm1f_pullback(double GRADC_PM_UNUSED(x), double y, double d_y, double* d_x) { *d_x += d_y * (y + 1.0); }

// d/dx log(x) = 1/x
GRADC_RULE("gradc_logf")
GRADC_PM_INLINE void logf_pullback(double x, double d_y, double* d_x) { *d_x += d_y / x; }

// d/dx log1p(x) = 1/(1+x)
GRADC_RULE("gradc_log1pf")
GRADC_PM_INLINE void log1pf_pullback(double x, double d_y, double* d_x) { *d_x += d_y / (1.0 + x); }

// d/dx tanh(x) = 1 - tanh(x)^2 = 1 - y^2
GRADC_RULE("gradc_tanhf")
GRADC_PM_INLINE void tanhf_pullback(double GRADC_PM_UNUSED(x), double y, double d_y, double* d_x) { *d_x += d_y * (1.0 - y * y); }

// d/dx sqrt(x) = 1/(2 sqrt(x)) = 0.5/y
GRADC_RULE("gradc_sqrtf")
GRADC_PM_INLINE void sqrtf_pullback(double GRADC_PM_UNUSED(x), double y, double d_y, double* d_x) { *d_x += d_y * 0.5 / y; }

// d/da sqrt(a² + b²) = a / y (an idiom: where a model writes
// gradc_sqrtf(a * a + b * b), generated code calls gradc_norm2f)
GRADC_IDIOM(gradc_norm2f)
GRADC_PM_INLINE void norm2f_pullback(double a, double b, double y, double d_y, double* d_a, double* d_b) {
  const double scale = d_y / y;
  *d_a += scale * a;
  *d_b += scale * b;
}

#ifdef __cplusplus
}  // namespace gradc_portable_rules
#endif

#endif  // GRADC_PORTABLE_MATH_H
