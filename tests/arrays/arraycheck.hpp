// arraycheck: checks gradc-generated gradients of functions over arrays
// against finite differences, element by element.
//
// A function's differentiated arguments are handed around as `Arrays<T>`, one
// std::vector<T> per argument in parameter order (a scalar is a vector of one).
// The caller writes three small lambdas that unpack them into a call:
//
//   arraycheck::check<double>("dot", {{"w", 7, -2, 2}, {"x", 7, -2, 2}},
//       [](const auto& x) { return dot(x[0].data(), x[1].data(), 7); },
//       [](const auto& x, auto& d) { return dot_grad(x[0].data(), x[1].data(), 7, d[0].data(), d[1].data()); },
//       [](const auto& x, auto s, auto& d) { dot_pullback(x[0].data(), x[1].data(), 7, s, d[0].data(), d[1].data()); });
//   ...
//   return arraycheck::report();   // prints "N passed, M failed"
//
// Each {name, size, lo, hi} gives an argument's length and the range its
// elements are drawn from. Integer and non-differentiated arguments are fixed
// inside the lambdas.
//
// check() (a function returning T) at each of kPoints random points checks
//   gradient    |d_i - fd_i| <= tol * max(1, |fd_i|) for the perturbed elements
//               (every element of an argument of at most kMaxPerturbed elements,
//               else the first, the last and a random sample)
//   primal      f_grad's return value == f's value, bit for bit
//   accumulate  f_grad on adjoints pre-filled with p_i gives p_i + d_i
//   pullback    f_pullback with seed s on pre-filled p_i gives p_i + s * d_i
// check_vjp() (a void function writing output arrays: f_pullback is a
// vector-Jacobian product) draws a seed vector u for the outputs and checks
//   gradient    the input adjoints against finite differences of dot(u, y(x))
//   seeds       every output adjoint is exactly 0 after the call
//   accumulate  input adjoints pre-filled with p_i get p_i + (J^T u)_i
// The last two of each allow only rounding (kRound relative): the generated
// code may sum in another order.
//
// Finite differences, double: central (f(x+h) - f(x-h)) / (2h) with the step
//   actually taken, h = 1e-6 * max(1, |x_i|), tol = 1e-6 (truncation ~h^2 f''',
//   rounding ~ulp(f)/h ~1e-10 * |f|).
// Finite differences, float: the function computes in float, so the two-point
//   formula's rounding error e*|f|/h (e ~ 1e-7 per operation, growing with the
//   length of a sum) swamps a small h. As in tests/support/gradcheck.hpp: the
//   five-point stencil (8(f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / (12h),
//   summed in double, with h = 2^-5 * max(1, |x_i|) rounded up to a power of
//   two, elements drawn on a 2^-12 grid so x +- h, x +- 2h are exact floats,
//   and tol = 1e-3 (the float bound): rounding ~1.5*e*|f|/h ~ 5e-6 * |f| per
//   ulp of error in f, truncation h^4 |f^(5)| / 30. A wrong derivative is off
//   by O(1).
// Kinks (relu, max, branches) make FD meaningless right at them: a point where
//   the FD with h and h/2 disagree by more than tol is dropped and another one
//   drawn (up to 20 draws per point).
//
// check_work_buffer() checks the work-buffer contract of a function with a
// run-time loop (DESIGN.md section 1): too small or misaligned a buffer writes
// no adjoint, touches no buffer byte and returns NaN; with exactly work_bytes
// inside a sentinel-filled arena, no byte outside the buffer changes and the
// result does not depend on the buffer's previous contents.
#ifndef GRADC_TESTS_ARRAYS_ARRAYCHECK_HPP
#define GRADC_TESTS_ARRAYS_ARRAYCHECK_HPP

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <random>
#include <type_traits>
#include <vector>

namespace arraycheck {

template <class T>
using Arrays = std::vector<std::vector<T>>;

struct Input {
  const char* name;
  int size;
  double lo, hi;
};
struct Output {
  const char* name;
  int size;
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

constexpr int kPoints = 6;          // sample points per function
constexpr int kMaxPerturbed = 12;   // elements perturbed per argument
constexpr int kMaxPrinted = 10;     // failure lines printed per function

struct Tally {
  int passed = 0, failed = 0;
  double worst[2] = {0, 0};  // worst gradient-vs-FD error: double, float
  const char* worst_at[2] = {"-", "-"};
  int compared[2] = {0, 0};  // gradient-vs-FD comparisons made: double, float
};
inline Tally tally;

inline std::uint32_t seed_of(const char* s) {  // FNV-1a
  std::uint32_t h = 2166136261u;
  for (; *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * 16777619u;
  return h;
}

// One function's check: a random source, failure printing and the verdict.
template <class T>
class Session {
 public:
  using S = Settings<T>;
  explicit Session(const char* name) : name_(name), rng_(seed_of(name)) {}

  double uniform(double lo, double hi) { return lo + (hi - lo) * ((rng_() + 0.5) / 4294967296.0); }
  double signed_uniform(double lo, double hi) { return (rng_() & 1 ? 1 : -1) * uniform(lo, hi); }
  std::uint32_t bits() { return rng_(); }

  // A value in [lo, hi); for float, on a 2^-12 grid.
  T draw(double lo, double hi) {
    const double v = uniform(lo, hi);
    return static_cast<T>(std::is_same_v<T, double> ? v : std::round(v * 4096) / 4096);
  }

#if defined(__GNUC__)
  __attribute__((format(printf, 2, 3)))
#endif
  void fail(const char* fmt, ...) {
    if (failures_++ >= kMaxPrinted) return;
    std::printf("FAIL %s [%s]: ", name_, S::kName);
    std::va_list args;
    va_start(args, fmt);
    std::vprintf(fmt, args);
    va_end(args);
    std::printf("\n");
  }

  // Records a gradient-vs-FD comparison; false if out of tolerance.
  bool gradient(const char* arg, std::size_t i, double fd, double got) {
    compared_ = true;
    const double rel = std::fabs(got - fd) / std::max(1.0, std::fabs(fd));
    const int t = std::is_same_v<T, float>;
    ++tally.compared[t];
    if (!(rel <= worst_)) worst_ = std::isnan(rel) ? INFINITY : rel;
    if (!(rel <= tally.worst[t])) tally.worst[t] = std::isnan(rel) ? INFINITY : rel, tally.worst_at[t] = name_;
    if (rel <= S::kTol) return true;
    fail("d/d%s[%zu]: finite difference %.17g, gradient %.17g, rel error %.3g", arg, i, fd, got, rel);
    return false;
  }

  // Compares up to rounding (accumulation, pullback scaling).
  void rounding(const char* what, const char* arg, std::size_t i, double want, double got, double scale) {
    const double rel = std::fabs(got - want) / std::max(1.0, scale);
    if (!(rel <= S::kRound)) fail("%s, %s[%zu]: expected %.17g, got %.17g", what, arg, i, want, got);
  }

  void finish() {
    if (failures_ > kMaxPrinted) std::printf("FAIL %s: ... %d more failures\n", name_, failures_ - kMaxPrinted);
    ++(failures_ ? tally.failed : tally.passed);
    if (compared_) {
      std::printf("%s %-30s [%s] max rel error vs FD %.2e\n", failures_ ? "FAIL" : "ok  ", name_, S::kName, worst_);
    } else {
      std::printf("%s %-30s [%s]\n", failures_ ? "FAIL" : "ok  ", name_, S::kName);
    }
  }

  const char* name() const { return name_; }

 private:
  const char* name_;
  std::mt19937 rng_;
  int failures_ = 0;
  double worst_ = 0;
  bool compared_ = false;  // any gradient-vs-FD comparison made
};

template <class T>
double step_for(T x) {
  const double h = Settings<T>::kStep * std::max(1.0, std::fabs(static_cast<double>(x)));
  return std::is_same_v<T, double> ? h : std::exp2(std::ceil(std::log2(h)));
}

// The finite-difference estimate of dg/dx[a][i] (see top); g returns double.
template <class T, class G>
double finite_difference(const G& g, Arrays<T>& x, std::size_t a, std::size_t i, double h) {
  const T xi = x[a][i];
  auto at = [&](double k) {
    x[a][i] = static_cast<T>(xi + k * h);
    const double v = g(x);
    return v;
  };
  double fd;
  if constexpr (std::is_same_v<T, double>) {
    const double fp = at(1), xp = x[a][i], fm = at(-1), xm = x[a][i];
    fd = (fp - fm) / (xp - xm);
  } else {
    fd = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * h);
  }
  x[a][i] = xi;
  return fd;
}

// The elements of an argument of n elements whose derivative is checked.
template <class T>
std::vector<std::size_t> perturbed(Session<T>& s, std::size_t n) {
  std::vector<std::size_t> idx;
  if (n <= static_cast<std::size_t>(kMaxPerturbed)) {
    for (std::size_t i = 0; i < n; ++i) idx.push_back(i);
    return idx;
  }
  idx = {0, n - 1};
  while (idx.size() < static_cast<std::size_t>(kMaxPerturbed)) {
    const std::size_t i = s.bits() % n;
    if (std::find(idx.begin(), idx.end(), i) == idx.end()) idx.push_back(i);
  }
  std::sort(idx.begin(), idx.end());
  return idx;
}

template <class T>
Arrays<T> shaped(std::initializer_list<Input> in) {
  Arrays<T> x;
  for (const Input& a : in) x.emplace_back(static_cast<std::size_t>(a.size), T(0));
  return x;
}
template <class T>
Arrays<T> shaped(std::initializer_list<Output> out) {
  Arrays<T> y;
  for (const Output& o : out) y.emplace_back(static_cast<std::size_t>(o.size), T(0));
  return y;
}

// Draws a point at which g (double-valued) is smooth enough for FD along every
// perturbed element, and fills fd. False if none was found.
template <class T, class G>
bool draw_point(Session<T>& s, std::initializer_list<Input> in, const G& g, Arrays<T>& x,
                std::vector<std::vector<std::size_t>>& idx, std::vector<std::vector<double>>& fd) {
  for (int draw = 0; draw < 20; ++draw) {
    std::size_t a = 0;
    for (const Input& arg : in) {
      for (T& v : x[a]) v = s.draw(arg.lo, arg.hi);
      ++a;
    }
    idx.clear();
    fd.clear();
    bool smooth = true;
    for (a = 0; a < x.size() && smooth; ++a) {
      idx.push_back(perturbed(s, x[a].size()));
      fd.emplace_back();
      for (std::size_t i : idx[a]) {
        const double h = step_for(x[a][i]);
        const double d1 = finite_difference(g, x, a, i, h);
        const double d2 = finite_difference(g, x, a, i, h / 2);
        fd[a].push_back(d1);
        if (!(std::fabs(d1 - d2) <= Settings<T>::kTol * std::max(1.0, std::fabs(d1)))) {
          smooth = false;
          break;
        }
      }
    }
    if (smooth) return true;
  }
  return false;
}

// A function returning T; see top.
template <class T, class F, class G, class P>
void check(const char* name, std::initializer_list<Input> in, const F& f, const G& grad, const P& pullback) {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>);
  Session<T> s(name);
  const auto g = [&](const Arrays<T>& x) { return static_cast<double>(f(x)); };
  Arrays<T> x = shaped<T>(in);
  std::vector<const char*> names;
  for (const Input& a : in) names.push_back(a.name);
  for (int point = 0; point < kPoints; ++point) {
    std::vector<std::vector<std::size_t>> idx;
    std::vector<std::vector<double>> fd;
    if (!draw_point(s, in, g, x, idx, fd)) {
      s.fail("no sample point smooth enough for finite differences");
      break;
    }
    Arrays<T> d = shaped<T>(in);
    const T y = grad(x, d);
    const T y_f = f(x);
    if (!(std::memcmp(&y, &y_f, sizeof y) == 0)) s.fail("f_grad returned %.17g, f gives %.17g", double(y), double(y_f));
    for (std::size_t a = 0; a < x.size(); ++a) {
      for (std::size_t k = 0; k < idx[a].size(); ++k) s.gradient(names[a], idx[a][k], fd[a][k], d[a][idx[a][k]]);
      for (std::size_t i = 0; i < d[a].size(); ++i) {
        if (!std::isfinite(d[a][i])) s.fail("d/d%s[%zu] = %g", names[a], i, double(d[a][i]));
      }
    }

    Arrays<T> pre = shaped<T>(in);
    for (auto& v : pre)
      for (T& e : v) e = static_cast<T>(s.signed_uniform(0.5, 2));
    Arrays<T> acc = pre;
    grad(x, acc);
    const T seed = static_cast<T>(s.signed_uniform(0.5, 3));
    Arrays<T> pb = pre;
    pullback(x, seed, pb);
    for (std::size_t a = 0; a < x.size(); ++a) {
      for (std::size_t i = 0; i < x[a].size(); ++i) {
        const double p = pre[a][i], di = d[a][i];
        s.rounding("accumulation (pre-filled + gradient)", names[a], i, p + di, acc[a][i], std::fabs(p) + std::fabs(di));
        s.rounding("pullback (pre-filled + seed * gradient)", names[a], i, p + double(seed) * di, pb[a][i],
                   std::fabs(p) + std::fabs(double(seed) * di));
      }
    }
  }
  s.finish();
}

// A void function writing output arrays; see top. f(x, y) computes the
// outputs; vjp(x, y, dx, dy) calls f_pullback with dy as the seeds.
template <class T, class F, class V>
void check_vjp(const char* name, std::initializer_list<Input> in, std::initializer_list<Output> out, const F& f,
               const V& vjp) {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>);
  Session<T> s(name);
  std::vector<const char*> names, out_names;
  for (const Input& a : in) names.push_back(a.name);
  for (const Output& o : out) out_names.push_back(o.name);
  Arrays<T> x = shaped<T>(in);
  for (int point = 0; point < kPoints; ++point) {
    Arrays<T> u = shaped<T>(out);
    for (auto& v : u)
      for (T& e : v) e = static_cast<T>(s.signed_uniform(0.5, 2));
    // g(x) = dot(u, y(x)), in double.
    const auto g = [&](const Arrays<T>& xx) {
      Arrays<T> y = shaped<T>(out);
      f(xx, y);
      double sum = 0;
      for (std::size_t k = 0; k < y.size(); ++k)
        for (std::size_t j = 0; j < y[k].size(); ++j) sum += double(u[k][j]) * double(y[k][j]);
      return sum;
    };
    std::vector<std::vector<std::size_t>> idx;
    std::vector<std::vector<double>> fd;
    if (!draw_point(s, in, g, x, idx, fd)) {
      s.fail("no sample point smooth enough for finite differences");
      break;
    }
    Arrays<T> y = shaped<T>(out), dx = shaped<T>(in), dy = u;
    vjp(x, y, dx, dy);
    for (std::size_t a = 0; a < x.size(); ++a) {
      for (std::size_t k = 0; k < idx[a].size(); ++k) s.gradient(names[a], idx[a][k], fd[a][k], dx[a][idx[a][k]]);
      for (std::size_t i = 0; i < dx[a].size(); ++i) {
        if (!std::isfinite(dx[a][i])) s.fail("d/d%s[%zu] = %g", names[a], i, double(dx[a][i]));
      }
    }
    for (std::size_t k = 0; k < dy.size(); ++k)
      for (std::size_t j = 0; j < dy[k].size(); ++j)
        if (dy[k][j] != T(0)) s.fail("output adjoint d_%s[%zu] = %.17g after the pullback, not 0", out_names[k], j, double(dy[k][j]));

    Arrays<T> pre = shaped<T>(in);
    for (auto& v : pre)
      for (T& e : v) e = static_cast<T>(s.signed_uniform(0.5, 2));
    Arrays<T> acc = pre, y2 = shaped<T>(out), dy2 = u;
    vjp(x, y2, acc, dy2);
    for (std::size_t a = 0; a < x.size(); ++a)
      for (std::size_t i = 0; i < x[a].size(); ++i) {
        const double p = pre[a][i], di = dx[a][i];
        s.rounding("accumulation (pre-filled + J^T u)", names[a], i, p + di, acc[a][i], std::fabs(p) + std::fabs(di));
      }
  }
  s.finish();
}

// The work-buffer contract (see top). run(work, bytes, d) calls f_grad with
// that buffer and adjoints d (shaped like `in`) and returns its value; `need`
// is f_grad_work_bytes(...) for the same integer arguments. For a void
// function (its f_pullback, which returns nothing) pass returns_value = false:
// run returns 0 and a rejected buffer is recognized by the untouched adjoints.
template <class T, class R>
void check_work_buffer(const char* name, std::initializer_list<Input> in, std::size_t need, const R& run,
                       bool returns_value = true) {
  char label[128];
  std::snprintf(label, sizeof label, "%s (work buffer)", name);
  Session<T> s(label);
  constexpr std::size_t kGuard = 64;  // sentinel bytes each side, a multiple of alignof(double)
  std::vector<double> storage((kGuard + need + kGuard) / sizeof(double) + 2);
  unsigned char* arena = reinterpret_cast<unsigned char*>(storage.data());
  const std::size_t arena_bytes = kGuard + need + kGuard;
  unsigned char* work = arena + kGuard;
  const T kSentinel = static_cast<T>(-1234.5);

  // The reference result, from a roomy buffer elsewhere.
  std::vector<double> roomy(need / sizeof(double) + 8);
  Arrays<T> ref = shaped<T>(in);
  const T ref_value = run(roomy.data(), roomy.size() * sizeof(double), ref);
  if (returns_value && std::isnan(double(ref_value))) s.fail("a buffer of %zu bytes (needs %zu) was rejected", roomy.size() * sizeof(double), need);

  // Rejected buffers.
  struct Bad {
    const char* what;
    void* work;
    std::size_t bytes;
  };
  std::vector<Bad> bad = {{"misaligned by 1", work + 1, need + kGuard / 2}, {"misaligned by 4", work + 4, need + kGuard / 2}};
  if (need > 0) {
    bad.push_back({"null, 0 bytes", nullptr, 0});
    bad.push_back({"one byte short", work, need - 1});
    bad.push_back({"half", work, need / 2});
  }
  for (const Bad& b : bad) {
    std::memset(arena, 0x5a, arena_bytes);
    Arrays<T> d = shaped<T>(in);
    for (auto& v : d) std::fill(v.begin(), v.end(), kSentinel);
    const T value = run(b.work, b.bytes, d);
    if (returns_value && !std::isnan(double(value))) s.fail("%s: returned %.17g, not NaN", b.what, double(value));
    for (std::size_t a = 0; a < d.size(); ++a)
      for (std::size_t i = 0; i < d[a].size(); ++i)
        if (std::memcmp(&d[a][i], &kSentinel, sizeof(T)) != 0) s.fail("%s: adjoint %zu[%zu] written", b.what, a, i);
    for (std::size_t i = 0; i < arena_bytes; ++i)
      if (arena[i] != 0x5a) {
        s.fail("%s: buffer byte %zu written", b.what, i);
        break;
      }
  }

  // Exactly `need` bytes, whatever they held before, inside the arena.
  for (unsigned char garbage : {0x00, 0xff, 0x7f}) {
    std::memset(arena, 0xa5, arena_bytes);
    std::memset(work, garbage, need);
    Arrays<T> d = shaped<T>(in);
    const T value = run(work, need, d);
    if (std::memcmp(&value, &ref_value, sizeof(T)) != 0) s.fail("exact buffer: returned %.17g, expected %.17g", double(value), double(ref_value));
    for (std::size_t a = 0; a < d.size(); ++a)
      for (std::size_t i = 0; i < d[a].size(); ++i)
        if (std::memcmp(&d[a][i], &ref[a][i], sizeof(T)) != 0)
          s.fail("exact buffer (held 0x%02x): adjoint %zu[%zu] = %.17g, expected %.17g", garbage, a, i, double(d[a][i]), double(ref[a][i]));
    for (std::size_t i = 0; i < kGuard; ++i)
      if (arena[i] != 0xa5) s.fail("byte %zu before the buffer written", kGuard - i);
    for (std::size_t i = kGuard + need; i < arena_bytes; ++i)
      if (arena[i] != 0xa5) s.fail("byte %zu past work_bytes written", i - kGuard - need);
  }
  s.finish();
}

// Prints the summary; main returns this. Non-zero if anything failed or
// nothing was checked.
inline int report() {
  const char* const type[2] = {"double", "float"};
  for (int t = 0; t < 2; ++t) {
    if (tally.compared[t]) {
      std::printf("worst gradient-vs-FD rel error, %s: %.3g (%s), over %d elements\n", type[t], tally.worst[t],
                  tally.worst_at[t], tally.compared[t]);
    }
  }
  std::printf("%d passed, %d failed\n", tally.passed, tally.failed);
  return tally.failed == 0 && tally.passed > 0 ? 0 : 1;
}

}  // namespace arraycheck

#endif  // GRADC_TESTS_ARRAYS_ARRAYCHECK_HPP
