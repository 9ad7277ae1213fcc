// Accuracy of gradc/portable_math.h on the host: each function against glibc's
// double-precision version (accurate to < 1 ULP of double, so exact for this
// purpose) on ~2 million floats spread evenly over the bit patterns of its
// domain, plus special values. Prints the worst error in float ULPs and fails
// above the bounds stated in kBound. Built with -DGRADC_PORTABLE_MATH=1.
#include <gradc/portable_math.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>

namespace {

float FromBits(uint32_t b) {
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

// |got - want| in units of the float spacing at want.
double UlpError(float got, double want) {
  const double inf = std::numeric_limits<double>::infinity();
  if (std::isnan(want)) return std::isnan(got) ? 0.0 : inf;
  if (std::fabs(want) > 3.4028234663852886e38)  // overflows float
    return static_cast<double>(got) == (want > 0 ? inf : -inf) ? 0.0 : inf;
  int e;
  std::frexp(want, &e);  // |want| in [2^(e-1), 2^e)
  const double ulp = std::ldexp(1.0, std::max(e - 24, -149));
  return std::fabs(static_cast<double>(got) - want) / ulp;
}

struct Case {
  const char* name;
  float (*f)(float);
  double (*ref)(double);
  float lo, hi;   // domain swept, by bit pattern
  double bound;   // accepted worst error, ULP
};

// Sweeps [lo, hi] (both signs if lo < 0) in n steps of the ordered bit pattern.
double Sweep(const Case& c, long n, float* worst_x) {
  auto key = [](float x) -> int64_t {
    uint32_t b;
    std::memcpy(&b, &x, sizeof b);
    return (b & 0x80000000u) ? -static_cast<int64_t>(b & 0x7fffffffu) : static_cast<int64_t>(b);
  };
  const int64_t a = key(c.lo), b = key(c.hi);
  double worst = 0.0;
  for (long i = 0; i <= n; ++i) {
    const int64_t k = a + (b - a) * i / n;
    const float x = k < 0 ? -FromBits(static_cast<uint32_t>(-k)) : FromBits(static_cast<uint32_t>(k));
    const double e = UlpError(c.f(x), c.ref(static_cast<double>(x)));
    if (!(e <= worst)) {
      worst = e;
      *worst_x = x;
    }
  }
  return worst;
}

double Exp(double x) { return std::exp(x); }
double Expm1(double x) { return std::expm1(x); }
double Log(double x) { return std::log(x); }
double Log1p(double x) { return std::log1p(x); }
double Tanh(double x) { return std::tanh(x); }
double Sqrt(double x) { return std::sqrt(x); }
float SqrtDigits(float x) { return gradc_pm_sqrt_digits(x); }

}  // namespace

int main() {
  const Case cases[] = {
      {"expf", gradc_expf, Exp, -104.0f, 89.0f, 2.0},
      {"expm1f", gradc_expm1f, Expm1, -18.0f, 89.0f, 2.0},
      {"logf", gradc_logf, Log, 0.0f, 3.4e38f, 2.0},
      {"log1pf", gradc_log1pf, Log1p, -0.9999f, 3.4e38f, 3.0},
      {"tanhf", gradc_tanhf, Tanh, -12.0f, 12.0f, 3.0},
      {"sqrtf", gradc_sqrtf, Sqrt, 0.0f, 3.4e38f, 0.5},  // correctly rounded
      {"sqrt_digits", SqrtDigits, Sqrt, 0.0f, 3.4e38f, 0.5},  // the version without an FPU
  };
  int failures = 0;
  for (const Case& c : cases) {
    float at = 0.0f;
    const double worst = Sweep(c, 2000000, &at);
    const bool ok = worst <= c.bound;
    std::printf("%-11s worst %.3f ULP at %.9g (bound %.1f) %s\n", c.name, worst,
                static_cast<double>(at), c.bound, ok ? "ok" : "FAIL");
    failures += ok ? 0 : 1;
  }

  // Special values: infinities, NaN, zeros, subnormals.
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN(), sub = FromBits(0x00000123u);
  struct Special {
    const char* what;
    bool ok;
  } specials[] = {
      {"expf(nan)", std::isnan(gradc_expf(nan))},
      {"expf(+inf)", gradc_expf(inf) == inf},
      {"expf(-inf)", gradc_expf(-inf) == 0.0f},
      {"expf(88.7)", UlpError(gradc_expf(88.7f), std::exp(static_cast<double>(88.7f))) <= 2.0},
      {"expf(89) = inf", gradc_expf(89.0f) == inf},
      {"expf(-100) subnormal", UlpError(gradc_expf(-100.0f), std::exp(-100.0)) <= 2.0},
      {"expm1f(-inf)", gradc_expm1f(-inf) == -1.0f},
      {"expm1f(1e-30)", gradc_expm1f(1e-30f) == 1e-30f},
      {"logf(0)", gradc_logf(0.0f) == -inf},
      {"logf(-1)", std::isnan(gradc_logf(-1.0f))},
      {"logf(inf)", gradc_logf(inf) == inf},
      {"logf(1)", gradc_logf(1.0f) == 0.0f},
      {"logf(subnormal)", UlpError(gradc_logf(sub), std::log(static_cast<double>(sub))) <= 2.0},
      {"log1pf(-1)", gradc_log1pf(-1.0f) == -inf},
      {"log1pf(-2)", std::isnan(gradc_log1pf(-2.0f))},
      {"log1pf(inf)", gradc_log1pf(inf) == inf},
      {"log1pf(1e-30)", gradc_log1pf(1e-30f) == 1e-30f},
      {"tanhf(+-inf)", gradc_tanhf(inf) == 1.0f && gradc_tanhf(-inf) == -1.0f},
      {"tanhf(-0)", std::signbit(gradc_tanhf(-0.0f)) && gradc_tanhf(-0.0f) == 0.0f},
      {"tanhf(nan)", std::isnan(gradc_tanhf(nan))},
      {"sqrtf(-1)", std::isnan(gradc_sqrtf(-1.0f))},
      {"sqrtf(-0)", std::signbit(gradc_sqrtf(-0.0f))},
      {"sqrtf(inf)", gradc_sqrtf(inf) == inf},
      {"sqrt_digits(-1, -0, inf, nan)", std::isnan(SqrtDigits(-1.0f)) && std::signbit(SqrtDigits(-0.0f)) &&
                                            SqrtDigits(inf) == inf && std::isnan(SqrtDigits(nan))},
  };
  for (const Special& s : specials) {
    if (!s.ok) {
      std::printf("special value wrong: %s\n", s.what);
      ++failures;
    }
  }
  // The digit-by-digit sqrt is correctly rounded: equal to the hardware
  // instruction (every 97th bit pattern, subnormals included).
  long sqrt_mismatch = 0;
  for (uint64_t b = 0; b < 0x7f800000u; b += 97) {
    const float x = FromBits(static_cast<uint32_t>(b));
    if (SqrtDigits(x) != std::sqrt(x) || gradc_sqrtf(x) != std::sqrt(x)) ++sqrt_mismatch;
  }
  std::printf("sqrt_digits differs from the hardware square root on %ld of %ld inputs\n", sqrt_mismatch,
              static_cast<long>(0x7f800000u / 97));
  failures += sqrt_mismatch != 0;
  std::printf("%s\n", failures ? "FAIL" : "PASS");
  return failures ? 1 : 0;
}
