// gradcheck: checks gradc-generated gradients against finite differences.
//
//   GRADCHECK(double, f, (x[0], x[1], 3), {"x", -2, 2}, {"y", 0.5, 4});
//   ...
//   return gradcheck::report();   // prints "N passed, M failed"
//
// The third argument is the argument list of f in terms of the point x (an
// std::array<T, N> holding the differentiated parameters, in parameter order);
// integer parameters and non-differentiated floating parameters are held at
// the values written there. Each {name, lo, hi} is the sampling range of one
// differentiated parameter. The macro derives f_grad(args..., &d[0], ...) and
// f_pullback(args..., seed, &d[0], ...) from it. gradcheck::check() takes the
// three callables directly when the macro does not fit.
//
// At each of `kPoints` random points (std::mt19937 seeded from the function
// name: reproducible, independent of the other checks) it checks
//   gradient    |d_i - fd_i| <= tol * max(1, |fd_i|)   (fd_i: finite difference)
//   primal      f_grad's return value == f's value, bit for bit
//   accumulate  f_grad adds to adjoints pre-filled with p_i: gets p_i + d_i
//   pullback    f_pullback with seed s on pre-filled p_i: gets p_i + s * d_i
// The last two allow only rounding (kRound relative), since the generated code
// may sum the contributions in another order than p_i + d_i.
//
// Finite differences, double: central, (f(x+h) - f(x-h)) / (2h),
//   h = 1e-6 * max(1, |x_i|), tol = 1e-6. Truncation error ~h^2 f'''/6 ~ 1e-13
//   and rounding ~ulp(f)/h ~ 1e-10 are far below tol.
// Finite differences, float: f takes float, so nothing can be evaluated in
//   double. A float evaluation of f carries a rounding error e*|f|, e up to
//   ~1e-6 (a few ulp), so the two-point formula's error e*|f|/h + h^2|f'''|/6
//   is ~1e-4 at best, and worse where f''' is large. So float uses the
//   five-point stencil
//   (8(f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / (12h), summed in double, with
//   h = 2^-5 * max(1, |x_i|) rounded up to a power of two: rounding error
//   ~1.5*e*|f|/h ~ 5e-5*|f|, truncation h^4|f^(5)|/30 ~ 3e-8*|f^(5)|. Float
//   points lie on a 2^-12 grid, so x +- h and x +- 2h are exact floats.
//   tol = 1e-3: against exact gradients (computed in double) this FD erred by
//   at most 7.4e-5 over the whole float corpus (|f| up to ~10), a 13x margin,
//   while a wrong derivative (a missing term, a wrong factor) is off by O(1).
//
// Kinks and jumps (branches, fabs, fmin...) make finite differences
// meaningless near them: a point where the FD with h and with h/2 disagree by
// more than tol is not used and another is drawn (up to 20 draws per point).
#ifndef GRADC_TESTS_GRADCHECK_HPP
#define GRADC_TESTS_GRADCHECK_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <type_traits>
#include <utility>

namespace gradcheck {

struct Range {
  const char* name;
  double lo, hi;
};

template <class T>
struct Settings;
template <>
struct Settings<double> {
  static constexpr double kStep = 1e-6;
  static constexpr double kTol = 1e-6;
  static constexpr double kRound = 1e-9;
  static constexpr const char* kName = "double";
};
template <>
struct Settings<float> {
  static constexpr double kStep = 1.0 / 32;
  static constexpr double kTol = 1e-3;
  static constexpr double kRound = 1e-4;
  static constexpr const char* kName = "float";
};

constexpr int kPoints = 8;         // sample points per check
constexpr int kMaxPrinted = 10;    // failure lines printed per check

// Functions passed/failed; several checks of one function in a row count once.
struct Tally {
  int passed = 0, failed = 0;
  const char* current = nullptr;
  bool current_ok = true;
  double worst[2] = {0, 0};  // worst gradient-vs-FD relative error: double, float
  const char* worst_at[2] = {"-", "-"};
  void flush() {
    if (current) ++(current_ok ? passed : failed);
    current = nullptr;
  }
};
inline Tally tally;

inline std::uint32_t seed_of(const char* s) {  // FNV-1a
  std::uint32_t h = 2166136261u;
  for (; *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * 16777619u;
  return h;
}

// The finite-difference estimate of df/dx_i at x, with step h (see top).
template <class T, std::size_t N, class F>
double finite_difference(const F& f, std::array<T, N> x, std::size_t i, double h) {
  const T xi = x[i];
  auto at = [&](double k) {
    x[i] = static_cast<T>(xi + k * h);
    return static_cast<double>(f(x));
  };
  if constexpr (std::is_same_v<T, double>) {
    const double fp = at(1), xp = x[i], fm = at(-1), xm = x[i];
    return (fp - fm) / (xp - xm);
  } else {
    return (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * h);
  }
}

template <class T>
double step_for(T x) {
  const double h = Settings<T>::kStep * std::max(1.0, std::fabs(static_cast<double>(x)));
  return std::is_same_v<T, double> ? h : std::exp2(std::ceil(std::log2(h)));
}

template <class T, std::size_t N, class G, std::size_t... I>
T call_grad(const G& g, const std::array<T, N>& x, std::array<T, N>& d, std::index_sequence<I...>) {
  return g(x, &d[I]...);
}
template <class T, std::size_t N, class P, std::size_t... I>
void call_pullback(const P& p, const std::array<T, N>& x, T s, std::array<T, N>& d,
                   std::index_sequence<I...>) {
  p(x, s, &d[I]...);
}

// Checks one function; `call` (e.g. "f(x[0], 3)") names it in failure lines.
template <class T, std::size_t N, class F, class G, class P>
void check(const char* name, const char* call, const Range (&ranges)[N], const F& f, const G& grad,
           const P& pullback) {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>);
  using S = Settings<T>;
  const auto idx = std::make_index_sequence<N>();
  if (!tally.current || std::strcmp(tally.current, name) != 0) {
    tally.flush();
    tally.current = name;
    tally.current_ok = true;
  }
  std::mt19937 rng(seed_of(name));
  auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * ((rng() + 0.5) / 4294967296.0); };
  auto signed_uniform = [&](double lo, double hi) { return (rng() & 1 ? 1 : -1) * uniform(lo, hi); };

  int failures = 0;
  std::array<T, N> x{};
  auto fail = [&](const char* what, const char* comp, double expected, double got, double rel) {
    if (failures++ >= kMaxPrinted) return;
    std::printf("FAIL %s [%s] at (", call, S::kName);
    for (std::size_t i = 0; i < N; ++i) std::printf("%s%s=%.9g", i ? ", " : "", ranges[i].name, double(x[i]));
    std::printf("): %s %s: expected %.17g, got %.17g, rel error %.3g\n", what, comp, expected, got, rel);
  };
  auto close = [](double expected, double got, double tol, double scale, double* rel) {
    *rel = std::fabs(got - expected) / std::max(1.0, scale);
    return *rel <= tol;  // false on NaN
  };

  int accepted = 0;
  for (int draw = 0; accepted < kPoints && draw < 20 * kPoints; ++draw) {
    for (std::size_t i = 0; i < N; ++i) {
      const double v = uniform(ranges[i].lo, ranges[i].hi);
      x[i] = static_cast<T>(std::is_same_v<T, double> ? v : std::round(v * 4096) / 4096);
    }
    std::array<double, N> fd{};
    bool smooth = true;
    for (std::size_t i = 0; i < N && smooth; ++i) {
      const double h = step_for(x[i]);
      fd[i] = finite_difference(f, x, i, h);
      double rel = 0;
      smooth = close(fd[i], finite_difference(f, x, i, h / 2), S::kTol, std::fabs(fd[i]), &rel);
    }
    if (!smooth) continue;
    ++accepted;

    std::array<T, N> d{}, pre{};
    const T y = call_grad(grad, x, d, idx);
    const T y_f = f(x);
    double rel = std::fabs(double(y) - y_f) / std::max(1.0, std::fabs(double(y_f)));
    if (!(y == y_f)) fail("primal", "f_grad's return value", y_f, y, rel);
    for (std::size_t i = 0; i < N; ++i) {
      const bool ok = close(fd[i], d[i], S::kTol, std::fabs(fd[i]), &rel);
      const int t = std::is_same_v<T, float>;
      if (!(rel <= tally.worst[t])) tally.worst[t] = rel, tally.worst_at[t] = name;
      if (!ok) fail("gradient vs finite difference", ranges[i].name, fd[i], d[i], rel);
    }

    for (auto& p : pre) p = static_cast<T>(signed_uniform(0.5, 2));
    std::array<T, N> acc = pre;
    call_grad(grad, x, acc, idx);
    for (std::size_t i = 0; i < N; ++i) {
      const double want = double(pre[i]) + d[i];
      if (!close(want, acc[i], S::kRound, std::fabs(pre[i]) + std::fabs(d[i]), &rel))
        fail("accumulation (pre-filled adjoint + gradient)", ranges[i].name, want, acc[i], rel);
    }

    const T s = static_cast<T>(signed_uniform(0.5, 3));
    std::array<T, N> pb = pre;
    call_pullback(pullback, x, s, pb, idx);
    for (std::size_t i = 0; i < N; ++i) {
      const double want = double(pre[i]) + double(s) * d[i];
      if (!close(want, pb[i], S::kRound, std::fabs(pre[i]) + std::fabs(s * d[i]), &rel)) {
        char what[64];
        std::snprintf(what, sizeof what, "pullback (pre-filled + seed %.6g * gradient)", double(s));
        fail(what, ranges[i].name, want, pb[i], rel);
      }
    }
  }
  if (accepted < kPoints) {
    std::printf("FAIL %s [%s]: only %d of %d sample points were smooth enough for finite differences\n",
                call, S::kName, accepted, kPoints);
    ++failures;
  }
  if (failures > kMaxPrinted) std::printf("FAIL %s: ... %d more failures\n", call, failures - kMaxPrinted);
  if (failures) tally.current_ok = false;
}

// Prints the summary; main returns this. Non-zero if anything failed or
// nothing was checked.
inline int report() {
  tally.flush();
  std::printf("worst gradient-vs-FD rel error: double %.3g (%s), float %.3g (%s)\n", tally.worst[0],
              tally.worst_at[0], tally.worst[1], tally.worst_at[1]);
  std::printf("%d passed, %d failed\n", tally.passed, tally.failed);
  return tally.failed == 0 && tally.passed > 0 ? 0 : 1;
}

}  // namespace gradcheck

#define GRADCHECK_UNPAREN(...) __VA_ARGS__
#define GRADCHECK(T, fn, args, ...)                                                          \
  ::gradcheck::check<T>(                                                                     \
      #fn, #fn #args, {__VA_ARGS__}, [](const auto& x) { return fn(GRADCHECK_UNPAREN args); }, \
      [](const auto& x, auto... d) { return fn##_grad(GRADCHECK_UNPAREN args, d...); },       \
      [](const auto& x, auto s, auto... d) { fn##_pullback(GRADCHECK_UNPAREN args, s, d...); })

#endif  // GRADC_TESTS_GRADCHECK_HPP
