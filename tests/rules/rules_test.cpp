// Checks every pullback in templates/rules.hpp against central finite
// differences, with no gradc involved. Only the double rules are tested: the
// float versions exist only after gradc retypes them, so gradc's tests cover
// those.
#include "rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace r = gradc_rules;

constexpr double kSeed = 0.7;  // d_y; not 1, so a dropped seed factor shows
constexpr double kTol = 1e-6;  // |a - b| <= kTol * max(1, |b|)
constexpr int kPoints = 8;     // random points per rule
constexpr std::uint32_t kRngSeed = 20240611;
const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- calling a rule uniformly ----------------------------------------------

template <class... P>
constexpr int ParamCount(void (*)(P...)) { return sizeof...(P); }

// n primal args: 2n+1 params means no result, 2n+2 means the result y follows
// the args. So the parameter count alone fixes both arity and calling form.
template <auto F>
void Call(const double* x, double y, double dy, double* dx) {
  constexpr int n = ParamCount(F);
  static_assert(n >= 3 && n <= 8, "rule is not a 1-, 2- or 3-argument pullback");
  if constexpr (n == 3) F(x[0], dy, dx);
  else if constexpr (n == 4) F(x[0], y, dy, dx);
  else if constexpr (n == 5) F(x[0], x[1], dy, dx, dx + 1);
  else if constexpr (n == 6) F(x[0], x[1], y, dy, dx, dx + 1);
  else if constexpr (n == 7) F(x[0], x[1], x[2], dy, dx, dx + 1, dx + 2);
  else F(x[0], x[1], x[2], y, dy, dx, dx + 1, dx + 2);
}

struct Range { double lo, hi; };
using Fn = double (*)(const double*);
using Pullback = void (*)(const double*, double, double, double*);
using Ok = bool (*)(const double*);

struct Rule {
  const char* name;
  Pullback pullback;
  int arity;
  Fn f;            // the primal, via std::
  Range dom[3];    // sampling box per argument
  Ok ok = nullptr; // rejects points near kinks, poles, cuts; null accepts all
};

// Failure messages name the rule instead of dumping its bytes.
void PrintTo(const Rule& rule, std::ostream* os) { *os << rule.name; }

#define RULE(NAME, F, ...)                                                  \
  Rule {                                                                    \
    #NAME, &Call<&r::NAME##_pullback>,                                      \
        ParamCount(&r::NAME##_pullback) >= 7 ? 3 : ParamCount(&r::NAME##_pullback) >= 5 ? 2 : 1, F, __VA_ARGS__ \
  }
#define F_(expr) [](const double* x) -> double { return expr; }
#define OK_(cond) [](const double* x) -> bool { return cond; }

constexpr Range kR3{-3, 3};
// Keeps FD steps off integers and half-integers, where floor..round jump.
bool OffSteps(const double* x) { return std::fabs(2 * x[0] - std::round(2 * x[0])) > 0.1; }
bool Apart(const double* x) { return std::fabs(x[0] - x[1]) > 0.1; }  // no max/min ties

const Rule kRules[] = {
    RULE(add, F_(x[0] + x[1]), {kR3, kR3}),
    RULE(sub, F_(x[0] - x[1]), {kR3, kR3}),
    RULE(mul, F_(x[0] * x[1]), {kR3, kR3}),
    RULE(div, F_(x[0] / x[1]), {kR3, kR3}, OK_(std::fabs(x[1]) > 0.5)),
    RULE(recip, F_(1.0 / x[0]), {kR3}, OK_(std::fabs(x[0]) > 0.5)),
    RULE(square, F_(x[0] * x[0]), {kR3}),
    RULE(scaled_square, F_(x[0] * x[1] * x[1]), {kR3, kR3}),
    RULE(neg, F_(-x[0]), {kR3}),
    RULE(exp, F_(std::exp(x[0])), {kR3}),
    RULE(exp2, F_(std::exp2(x[0])), {kR3}),
    RULE(expm1, F_(std::expm1(x[0])), {kR3}),
    RULE(log, F_(std::log(x[0])), {{0.1, 5}}),
    RULE(log2, F_(std::log2(x[0])), {{0.1, 5}}),
    RULE(log10, F_(std::log10(x[0])), {{0.1, 5}}),
    RULE(log1p, F_(std::log1p(x[0])), {{-0.9, 4}}),
    RULE(sqrt, F_(std::sqrt(x[0])), {{0.1, 5}}),
    RULE(cbrt, F_(std::cbrt(x[0])), {{-5, 5}}, OK_(std::fabs(x[0]) > 0.1)),
    RULE(pow, F_(std::pow(x[0], x[1])), {{0.2, 3}, {-2, 3}}),
    RULE(hypot, F_(std::hypot(x[0], x[1])), {kR3, kR3}, OK_(std::hypot(x[0], x[1]) > 0.3)),
    RULE(hypot3, F_(std::hypot(x[0], x[1], x[2])), {kR3, kR3, kR3}, OK_(std::hypot(x[0], x[1], x[2]) > 0.3)),
    RULE(sin, F_(std::sin(x[0])), {{-4, 4}}),
    RULE(cos, F_(std::cos(x[0])), {{-4, 4}}),
    RULE(tan, F_(std::tan(x[0])), {{-1.4, 1.4}}),
    RULE(asin, F_(std::asin(x[0])), {{-0.9, 0.9}}),
    RULE(acos, F_(std::acos(x[0])), {{-0.9, 0.9}}),
    RULE(atan, F_(std::atan(x[0])), {{-4, 4}}),
    // atan2 jumps by 2pi across the negative b axis and is singular at 0.
    RULE(atan2, F_(std::atan2(x[0], x[1])), {kR3, kR3},
         OK_(std::hypot(x[0], x[1]) > 0.3 && !(x[1] < 0 && std::fabs(x[0]) < 0.1))),
    RULE(sinh, F_(std::sinh(x[0])), {kR3}),
    RULE(cosh, F_(std::cosh(x[0])), {kR3}),
    RULE(tanh, F_(std::tanh(x[0])), {kR3}),
    RULE(erf, F_(std::erf(x[0])), {kR3}),
    RULE(erfc, F_(std::erfc(x[0])), {kR3}),
    RULE(asinh, F_(std::asinh(x[0])), {kR3}),
    RULE(acosh, F_(std::acosh(x[0])), {{1.05, 5}}),
    RULE(atanh, F_(std::atanh(x[0])), {{-0.9, 0.9}}),
    RULE(fma, F_(std::fma(x[0], x[1], x[2])), {kR3, kR3, kR3}),
    RULE(copysign, F_(std::copysign(x[0], x[1])), {kR3, kR3}, OK_(std::fabs(x[0]) > 0.1 && std::fabs(x[1]) > 0.1)),
    RULE(fdim, F_(std::fdim(x[0], x[1])), {kR3, kR3}, Apart),
    RULE(fabs, F_(std::fabs(x[0])), {kR3}, OK_(std::fabs(x[0]) > 0.1)),
    RULE(fmax, F_(std::fmax(x[0], x[1])), {kR3, kR3}, Apart),
    RULE(fmin, F_(std::fmin(x[0], x[1])), {kR3, kR3}, Apart),
    RULE(max, F_(std::max(x[0], x[1])), {kR3, kR3}, Apart),
    RULE(min, F_(std::min(x[0], x[1])), {kR3, kR3}, Apart),
    // Off the kinks v = lo and v = hi (lo < hi: std::clamp's precondition).
    RULE(clamp, F_(std::clamp(x[0], x[1], x[2])), {kR3, {-2, -0.5}, {0.5, 2}},
         OK_(std::fabs(x[0] - x[1]) > 0.1 && std::fabs(x[0] - x[2]) > 0.1)),
    // Off the jumps, where a / b is an integer (fmod) or a half-integer (remainder).
    RULE(fmod, F_(std::fmod(x[0], x[1])), {{-7, 7}, {0.5, 2}}, OK_(std::fabs(std::remainder(x[0] / x[1], 1.0)) > 0.05)),
    RULE(remainder, F_(std::remainder(x[0], x[1])), {{-7, 7}, {-2, -0.5}},
         OK_(std::fabs(std::remainder(x[0] / x[1] + 0.5, 1.0)) > 0.05)),
    RULE(floor, F_(std::floor(x[0])), {{-5, 5}}, OffSteps),
    RULE(ceil, F_(std::ceil(x[0])), {{-5, 5}}, OffSteps),
    RULE(round, F_(std::round(x[0])), {{-5, 5}}, OffSteps),
    RULE(trunc, F_(std::trunc(x[0])), {{-5, 5}}, OffSteps),
    RULE(rint, F_(std::rint(x[0])), {{-5, 5}}, OffSteps),
    RULE(nearbyint, F_(std::nearbyint(x[0])), {{-5, 5}}, OffSteps),
    // An idiom: the primal is the inline expression gradc recognises.
    RULE(sigmoid, F_(1.0 / (1.0 + std::exp(-x[0]))), {{-8, 8}}),
    RULE(norm2, F_(std::sqrt(x[0] * x[0] + x[1] * x[1])), {kR3, kR3}, OK_(std::hypot(x[0], x[1]) > 0.5)),
};

// ---- sampling, finite differences, bookkeeping ------------------------------

// Draws a point in the rule's box that its predicate accepts. The uniform map
// is spelled out (not std::uniform_real_distribution) so the points are the
// same with every standard library.
bool Sample(const Rule& rule, std::mt19937& rng, double* x) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    for (int i = 0; i < rule.arity; ++i) {
      const double u = rng() / 4294967296.0;  // [0, 1)
      x[i] = rule.dom[i].lo + u * (rule.dom[i].hi - rule.dom[i].lo);
    }
    if (!rule.ok || rule.ok(x)) return true;
  }
  return false;
}

// d f / d x[i] by central differences; dividing by the step as actually
// represented removes the rounding of x +- h from the error.
double CentralDiff(const Rule& rule, const double* x, int i) {
  const double h = 1e-6 * std::max(1.0, std::fabs(x[i]));
  double xp[3] = {x[0], x[1], x[2]}, xm[3] = {x[0], x[1], x[2]};
  xp[i] += h;
  xm[i] -= h;
  return (rule.f(xp) - rule.f(xm)) / (xp[i] - xm[i]);
}

struct Worst {
  double err = 0;
  std::string where = "(none)";
};
Worst g_worst;

// Prints the worst FD error after all tests, for tuning the tolerance.
class WorstErrorReport : public ::testing::Environment {
 public:
  void TearDown() override {
    std::printf("[ rules    ] worst relative FD error %.3g at %s\n", g_worst.err,
                g_worst.where.c_str());
  }
};
[[maybe_unused]] ::testing::Environment* const g_report =
    ::testing::AddGlobalTestEnvironment(new WorstErrorReport);

std::string PointName(const Rule& rule, const double* x, int i) {
  std::ostringstream s;
  s.precision(17);
  s << rule.name << "(" << x[0];
  for (int k = 1; k < rule.arity; ++k) s << ", " << x[k];
  s << ") d/darg" << i;
  return s.str();
}

// ---- every rule vs finite differences ---------------------------------------

class RuleTest : public ::testing::TestWithParam<Rule> {};

TEST_P(RuleTest, MatchesFiniteDifferencesAndAccumulates) {
  const Rule& rule = GetParam();
  std::mt19937 rng(kRngSeed);
  for (int p = 0; p < kPoints; ++p) {
    double x[3] = {0, 0, 0};
    ASSERT_TRUE(Sample(rule, rng, x)) << "no valid point for " << rule.name;
    const double y = rule.f(x);  // the true result, for rules that take it

    double d[3] = {0, 0, 0};
    // A negative seed too: a rule that loses the seed's sign (copysign(d_y, b)) passes with 0.7.
    for (double seed : {kSeed, -kSeed}) {
      double ds[3] = {0, 0, 0};
      rule.pullback(x, y, seed, ds);
      for (int i = 0; i < rule.arity; ++i) {
        const double fd = seed * CentralDiff(rule, x, i);
        const double err = std::fabs(ds[i] - fd) / std::max(1.0, std::fabs(fd));
        const std::string where = PointName(rule, x, i) + (seed < 0 ? " (seed -0.7)" : "");
        if (err > g_worst.err || err != err) g_worst = {err, where};
        EXPECT_LE(err, kTol) << where << ": rule " << ds[i] << " vs seed*FD " << fd;
      }
      if (seed > 0) std::copy(ds, ds + 3, d);
    }

    // Adjoints must be added to (+=), never overwritten or subtracted from.
    double acc[3] = {1.5, -2.25, 0.5};
    rule.pullback(x, y, kSeed, acc);
    EXPECT_DOUBLE_EQ(acc[0], 1.5 + d[0]) << PointName(rule, x, 0);
    EXPECT_DOUBLE_EQ(acc[1], -2.25 + d[1]) << PointName(rule, x, 1);  // untouched if unary
    EXPECT_DOUBLE_EQ(acc[2], 0.5 + d[2]) << PointName(rule, x, 2);
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleTest, ::testing::ValuesIn(kRules),
                         [](const ::testing::TestParamInfo<Rule>& info) {
                           return std::string(info.param.name);
                         });

std::string RulesHeaderPath() {
#ifdef GRADC_RULES_HEADER  // set by CMake
  return GRADC_RULES_HEADER;
#else  // bare compiler build: find it relative to this file
  const std::string self = __FILE__;
  return self.substr(0, self.find_last_of('/') + 1) + "../../templates/rules.hpp";
#endif
}

// A rule added to rules.hpp without a row in kRules would go untested.
TEST(RulesCoverage, TableListsEveryRuleInTheHeader) {
  const std::string path = RulesHeaderPath();
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const std::regex def(R"(inline\s+void\s+(\w+)_pullback\s*\()");
  std::set<std::string> in_header, in_table;
  for (std::sregex_iterator it(text.begin(), text.end(), def), end; it != end; ++it)
    in_header.insert((*it)[1]);
  for (const Rule& rule : kRules) in_table.insert(rule.name);
  EXPECT_EQ(in_header, in_table);
  EXPECT_EQ(in_table.size(), std::size(kRules)) << "duplicate row in kRules";
}

// ---- conventions at non-differentiable points (header comment) --------------

TEST(RuleConventions, FabsAtZeroIsZero) {
  for (double z : {0.0, -0.0}) {
    double d = 0;
    r::fabs_pullback(z, kSeed, &d);
    EXPECT_EQ(d, 0.0) << "x = " << z;
  }
}

// fmax/fmin/std::max/std::min return their first argument on a tie, so the
// whole seed goes there.
TEST(RuleConventions, TiesSendSeedToFirstArgument) {
  using P2 = void (*)(double, double, double, double*, double*);
  const std::pair<const char*, P2> rules[] = {{"fmax", r::fmax_pullback},
                                              {"fmin", r::fmin_pullback},
                                              {"max", r::max_pullback},
                                              {"min", r::min_pullback}};
  for (const auto& [name, pb] : rules) {
    for (double a : {-1.25, 0.0, 2.5}) {
      double da = 0, db = 0;
      pb(a, a, kSeed, &da, &db);
      EXPECT_EQ(da, kSeed) << name << "(" << a << ", " << a << ")";
      EXPECT_EQ(db, 0.0) << name << "(" << a << ", " << a << ")";
    }
  }
}

// fmax/fmin ignore a NaN operand and return the other, so it gets the seed.
TEST(RuleConventions, FmaxFminSendSeedToTheNonNaNArgument) {
  using P2 = void (*)(double, double, double, double*, double*);
  const std::pair<const char*, P2> rules[] = {{"fmax", r::fmax_pullback},
                                              {"fmin", r::fmin_pullback}};
  for (const auto& [name, pb] : rules) {
    double dx = 0, dnan = 0;
    pb(1.5, kNaN, kSeed, &dx, &dnan);
    EXPECT_EQ(dx, kSeed) << name << "(x, NaN)";
    EXPECT_EQ(dnan, 0.0) << name << "(x, NaN)";
    dx = dnan = 0;
    pb(kNaN, 1.5, kSeed, &dnan, &dx);
    EXPECT_EQ(dx, kSeed) << name << "(NaN, x)";
    EXPECT_EQ(dnan, 0.0) << name << "(NaN, x)";
  }
}

// std::clamp returns v at v == lo and at v == hi: v gets the seed.
TEST(RuleConventions, ClampAtItsBoundsSendsSeedToValue) {
  for (auto [v, lo, hi] : {std::array<double, 3>{-1, -1, 2}, {2, -1, 2}, {0.5, 0.5, 0.5}}) {
    double d[3] = {0, 0, 0};
    r::clamp_pullback(v, lo, hi, kSeed, d, d + 1, d + 2);
    EXPECT_EQ(d[0], kSeed) << "clamp(" << v << ", " << lo << ", " << hi << ")";
    EXPECT_EQ(d[1] + d[2], 0.0) << "clamp(" << v << ", " << lo << ", " << hi << ")";
  }
}

TEST(RuleConventions, SqrtAtZeroIsPlusInfinity) {
  double d = 0;
  r::sqrt_pullback(0.0, std::sqrt(0.0), kSeed, &d);
  EXPECT_EQ(d, kInf);
}

// d/dp x^p is taken as 0 for x <= 0 (ln x undefined); d/dx stays p x^(p-1).
TEST(RuleConventions, PowExponentAdjointIsZeroForNonPositiveBase) {
  double dx = 0, dp = 0;
  r::pow_pullback(-2.0, 3.0, std::pow(-2.0, 3.0), kSeed, &dx, &dp);
  EXPECT_DOUBLE_EQ(dx, kSeed * 12.0);
  EXPECT_EQ(dp, 0.0);
  dx = dp = 0;
  r::pow_pullback(0.0, 2.0, std::pow(0.0, 2.0), kSeed, &dx, &dp);
  EXPECT_EQ(dx, 0.0);
  EXPECT_EQ(dp, 0.0);
}

// Piecewise-constant functions: derivative 0 even at their jumps.
TEST(RuleConventions, StepFunctionsHaveZeroDerivativeEverywhere) {
  using P1 = void (*)(double, double, double*);
  const std::pair<const char*, P1> rules[] = {{"floor", r::floor_pullback},
                                              {"ceil", r::ceil_pullback},
                                              {"round", r::round_pullback},
                                              {"trunc", r::trunc_pullback}};
  for (const auto& [name, pb] : rules) {
    for (double x : {-2.0, -0.5, 0.0, 2.0, 2.5}) {
      double d = 0.25;  // pre-filled: must be left as is
      pb(x, kSeed, &d);
      EXPECT_EQ(d, 0.25) << name << "(" << x << ")";
    }
  }
}

}  // namespace
