// Comparison logic of the fuzzer's generated main (see README.md in this
// folder for the tolerances and why). Every failed comparison prints one line
//   FAIL <kind> fn=<f> pt=<i> param=<p> got=<..> want=<..> ... at x=.. y=..
// that run_fuzz.py parses; main returns non-zero if any check failed.
#ifndef GRADC_FUZZ_CHECK_HPP
#define GRADC_FUZZ_CHECK_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace fzcheck {

// Tolerances (relative to max(1, |want|) unless said otherwise).
constexpr double kDualTolDouble = 1e-9;   // gradc vs forward mode, double
constexpr double kDualTolFloat = 1e-3;    // gradc vs forward mode, float involved
constexpr double kFdTol = 1e-6;           // gradc (or forward mode) vs central differences
constexpr double kFdKink = 1e-4;          // FD(h) vs FD(h/2) beyond this: a kink, skip
constexpr double kFdStep = 1e-6;          // h = kFdStep * max(1, |x|)
constexpr double kPrimalTolDouble = 1e-12;
constexpr double kPrimalTolFloat = 1e-5;
// Accumulation and pullback checks compare gradc with itself (pre-filled
// adjoints, seed 2): only summation order differs, so the bound is a few ulp
// of the largest term, taken as the dual magnitude m.
constexpr double kSelfTolDouble = 1e-12;
constexpr double kSelfTolFloat = 1e-5;

// Exact-size heap blocks for every array, adjoint array and work buffer the
// generated code sees (so -fsanitize=address reports one byte too far),
// zeroed, freed when the Heap goes out of scope.
class Heap {
 public:
  Heap() = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap() {
    for (void* p : blocks_) std::free(p);
  }
  void* bytes(std::size_t n) {
    void* p = std::malloc(n);
    if (p == nullptr && n != 0) std::abort();
    if (n != 0) std::memset(p, 0, n);
    blocks_.push_back(p);
    return p;
  }
  template <class T>
  T* alloc(int n) {
    return static_cast<T*>(bytes(sizeof(T) * static_cast<std::size_t>(n)));
  }

 private:
  std::vector<void*> blocks_;
};

struct Stats {
  long checks = 0, failed = 0, fd_checked = 0, fd_skipped = 0, points_skipped = 0, partials = 0, nonzero = 0;
};
inline Stats& stats() {
  static Stats s;
  return s;
}

// Equal as far as non-finite values go: both NaN, or the same infinity.
inline bool nonfinite_equal(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  if (std::isinf(a) && std::isinf(b)) return (a > 0) == (b > 0);
  return false;
}

inline bool close(double got, double want, double tol_abs) {
  if (!std::isfinite(got) || !std::isfinite(want)) return nonfinite_equal(got, want);
  return std::fabs(got - want) <= tol_abs;
}

// One sample point of one function.
class Point {
 public:
  Point(const char* fn, int index, bool special, bool low_precision)
      : fn_(fn), index_(index), special_(special), low_(low_precision) {}

  void arg(const char* name, double value) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%s=%.17g", args_.empty() ? "" : " ", name, value);
    args_ += buf;
  }
  void arg(const char* name, int value) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%s=%d", args_.empty() ? "" : " ", name, value);
    args_ += buf;
  }

  // The original function's value. False (point skipped) if not finite: the
  // generator keeps domains valid, but float rounding can still overflow.
  bool usable(double v) {
    if (std::isfinite(v)) return true;
    ++stats().points_skipped;
    return false;
  }

  // gradc's f_grad return value against the original function. err: the
  // reference's bound on the rounding error of the value (dual.hpp): two
  // evaluations of an ill-conditioned float expression may differ by that.
  void primal(double got, double want, double err) {
    double tol = (low_ ? kPrimalTolFloat : kPrimalTolDouble) * std::max(1.0, std::fabs(want)) + 2 * err;
    ++stats().checks;
    if (!close(got, want, tol)) fail("primal", "-", got, want, "tol=%.3g", tol);
  }

  // The reference's value against the original function (a generator or
  // dual.hpp bug if this fails, not a gradc bug).
  void ref_primal(double got, double want, double err) {
    double tol = (low_ ? kPrimalTolFloat : kPrimalTolDouble) * std::max(1.0, std::fabs(want)) + 2 * err;
    ++stats().checks;
    if (!close(got, want, tol)) fail("ref-primal", "-", got, want, "tol=%.3g", tol);
  }

  // One element of an array argument.
  void arg(const char* name, int element, double value) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%s[%d]=%.17g", args_.empty() ? "" : " ", name, element, value);
    args_ += buf;
  }

  // One partial derivative of the returned value (a function without outputs).
  //   g        gradc's f_grad, adjoints zeroed
  //   acc      gradc's f_grad with adjoints pre-filled with 0.5, minus 0.5
  //   pull     gradc's f_pullback with seed 2, halved
  //   dd, dm   forward mode in double (tangent, magnitude)
  //   df       forward mode in the program's own float/double types
  //   fd, fd2  central differences with h and h/2 (NaN: not computed)
  void partial(const char* param, double g, double acc, double pull, double dd, double dm, double df,
               double fd, double fd2) {
    self_check(param, g, acc, dm);
    const double scale = std::max({1.0, std::fabs(g), std::isfinite(dm) ? dm : 0.0});
    const double self_tol = (low_ ? kSelfTolFloat : kSelfTolDouble) * scale;
    ++stats().checks;
    if (!close(pull, g, self_tol)) fail("pullback", param, pull, g, "tol=%.3g", self_tol);
    dual(param, g, dd, dm, df);
    finite_differences(param, low_ ? dd : g, dd, fd, fd2);
  }

  // f_grad on pre-filled adjoints adds the same gradient.
  void self_check(const char* param, double g, double acc, double dm) {
    ++stats().partials;
    if (g != 0) ++stats().nonzero;
    static const bool verbose = std::getenv("GRADC_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::printf("partial fn=%s pt=%d param=%s gradc=%.17g at %s\n", fn_, index_, param, g, args_.c_str());
    const double scale = std::max({1.0, std::fabs(g), std::isfinite(dm) ? dm : 0.0});
    const double self_tol = (low_ ? kSelfTolFloat : kSelfTolDouble) * scale;
    ++stats().checks;
    if (!close(acc, g, self_tol)) fail("accumulate", param, acc, g, "tol=%.3g", self_tol);
  }

  // gradc against forward mode. With float involved, either the
  // double-precision reference or the one with the program's own float types
  // must agree (the latter evaluates the primal exactly as gradc's forward
  // sweep does, so float rounding of a branch condition or of a steep
  // function cannot make a false alarm).
  void dual(const char* param, double g, double dd, double dm, double df, const char* kind = "dual") {
    ++stats().checks;
    if (low_) {
      double tol_d = kDualTolFloat * std::max(1.0, std::fabs(dd));
      double tol_f = kDualTolFloat * std::max(1.0, std::fabs(df));
      if (!close(g, dd, tol_d) && !close(g, df, tol_f))
        fail(kind, param, g, dd, "dual_own_types=%.17g m=%.3g tol=%.3g", df, dm, tol_d);
    } else {
      double tol = kDualTolDouble * std::max(1.0, std::fabs(dd));
      if (!close(g, dd, tol)) fail(kind, param, g, dd, "m=%.3g tol=%.3g", dm, tol);
    }
  }

  // A function with outputs: f_pullback (seed 2 for the value, seeds u for
  // the outputs) against the reference's d(2 f + sum u_k y_k), whose central
  // differences are fd, fd2.
  void vjp(const char* param, double pull, double td, double md, double tf, double fd, double fd2) {
    ++stats().partials;
    if (pull != 0) ++stats().nonzero;
    dual(param, pull, td, md, tf, "vjp");
    finite_differences(param, low_ ? td : pull, td, fd, fd2);
  }

  // Output seeds are zero after f_grad / f_pullback.
  template <class T>
  void zeroed(const char* what, const T* seeds, int n) {
    ++stats().checks;
    for (int k = 0; k < n; ++k)
      if (seeds[k] != 0) {
        fail("seed-not-zeroed", what, (double)seeds[k], 0.0, "element=%d", k);
        return;
      }
  }

  // The work-size contract (README.md, "Supported now"): with a buffer one
  // byte short, or misaligned, f_grad returns NaN and no adjoint is written
  // (ret: f_grad's value, NaN for a void function's pullback-only check).
  void work_contract(const char* how, double ret, bool untouched) {
    ++stats().checks;
    if (!std::isnan(ret)) fail("work-contract", how, ret, NAN, "%s", "f_grad must return NaN");
    ++stats().checks;
    if (!untouched) fail("work-contract", how, 1, 0, "%s", "an adjoint was written");
  }

  // The C99 output's gradient against the C++ output's (fz_c99.py): the same
  // IR in two dialects; only the grouping of float arithmetic may differ.
  void c99(const char* what, double got, double want) {
    ++stats().checks;
    const double tol = (low_ ? kSelfTolFloat : kSelfTolDouble) * std::max(1.0, std::fabs(want));
    if (!close(got, want, tol)) fail("c99", what, got, want, "tol=%.3g", tol);
  }

  // ---- forward mode (fz_forward.py): J and H against the checked reverse mode
  double fwd_tol(double m) const { return (low_ ? 1e-4 : 1e-9) * std::max(1.0, m); }

  void fwd_primal(const char* what, double got, double want) {
    double tol = (low_ ? kPrimalTolFloat : kPrimalTolDouble) * std::max(1.0, std::fabs(want));
    ++stats().checks;
    if (!close(got, want, tol)) fail("fwd-primal", what, got, want, "tol=%.3g", tol);
  }

  // u^T J (J row-major, rows x cols) against the pullback with seeds u.
  template <class T>
  void fwd_vjp(const T* J, int rows, int cols, const double* u, const double* pb) {
    for (int c = 0; c < cols; ++c) {
      double s = 0, m = std::fabs(pb[c]);
      for (int r = 0; r < rows; ++r) {
        s += u[r] * (double)J[r * cols + c];
        m += std::fabs(u[r] * (double)J[r * cols + c]);
      }
      fwd_compare("fwd-vjp", c, s, pb[c], m);
    }
  }

  // J v against f_jvp's tangents tv.
  template <class T>
  void fwd_jvp(const T* J, int rows, int cols, const double* v, const double* tv) {
    for (int r = 0; r < rows; ++r) {
      double s = 0, m = std::fabs(tv[r]);
      for (int c = 0; c < cols; ++c) {
        s += (double)J[r * cols + c] * v[c];
        m += std::fabs((double)J[r * cols + c] * v[c]);
      }
      fwd_compare("fwd-jvp", r, tv[r], s, m);
    }
  }

  template <class T>
  void hess_sym(const T* H, int n) {
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < i; ++j) fwd_compare("hess-sym", i * n + j, (double)H[i * n + j], (double)H[j * n + i], 0);
  }

  // f_hessian_sparse's values (at rows[k], cols[k]) against H, H_ij and H_ji
  // exactly equal; every entry of H outside the pattern 0 (to fwd_tol).
  template <class T>
  void hess_sparse(const T* H, int n, const T* values, int nnz, const int* rows, const int* cols) {
    std::vector<double> S(static_cast<size_t>(n * n), 0.0);
    std::vector<char> in(static_cast<size_t>(n * n), 0);
    for (int k = 0; k < nnz; ++k) {
      const int at = rows[k] * n + cols[k];
      S[static_cast<size_t>(at)] = (double)values[k], in[static_cast<size_t>(at)] = 1;
      fwd_compare("hess-sparse", at, (double)values[k], (double)H[at], 0);
    }
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const size_t ij = static_cast<size_t>(i * n + j), ji = static_cast<size_t>(j * n + i);
        if (!in[ij]) {
          fwd_compare("hess-sparse-pattern", i * n + j, (double)H[ij], 0, 0);
        } else if (j < i) {
          ++stats().checks;
          const bool same = S[ij] == S[ji] || (std::isnan(S[ij]) && std::isnan(S[ji]));
          if (!same) fail("hess-sparse-sym", "H_ij vs H_ji", S[ij], S[ji], "%s", "not exactly equal");
        }
      }
  }

  // H v against f_hvp.
  template <class T>
  void fwd_hvp(const T* H, int n, const double* v, const double* hv) {
    for (int i = 0; i < n; ++i) {
      double s = 0, m = std::fabs(hv[i]);
      for (int j = 0; j < n; ++j) {
        s += (double)H[i * n + j] * v[j];
        m += std::fabs((double)H[i * n + j] * v[j]);
      }
      fwd_compare("hvp", i, hv[i], s, m);
    }
  }

  // H against central differences of the gradient (grad(x, g) writes n
  // partials at the n coordinates x); kinks skipped as for f.
  template <class T, class G>
  void hess_fd(const T* H, int n, const double* x0, G grad) {
    if (special_ || n > 32) return;
    double x[32], gp[32], gm[32], fd[2][32];
    for (int j = 0; j < n; ++j) {
      const double h = kFdStep * std::max(1.0, std::fabs(x0[j]));
      for (int w = 0; w < 2; ++w) {
        const double hh = w == 0 ? h : h / 2;
        for (int k = 0; k < n; ++k) x[k] = x0[k];
        x[j] = x0[j] + hh;
        grad(x, gp);
        x[j] = x0[j] - hh;
        grad(x, gm);
        for (int k = 0; k < n; ++k) fd[w][k] = (gp[k] - gm[k]) / (2 * hh);
      }
      for (int k = 0; k < n; ++k) {
        const double a = fd[0][k], b = fd[1][k];
        if (!std::isfinite(a) || !std::isfinite(b) || std::fabs(a - b) > kFdKink * std::max(1.0, std::fabs(b))) {
          ++stats().fd_skipped;
          continue;
        }
        ++stats().fd_checked;
        ++stats().checks;
        const double tol = std::max(kFdTol * std::max(1.0, std::fabs(b)), 10 * std::fabs(a - b));
        if (!close((double)H[k * n + j], b, tol)) {
          char nm[32];
          std::snprintf(nm, sizeof nm, "H[%d][%d]", k, j);
          fail("hess-fd", nm, (double)H[k * n + j], b, "fd_h=%.17g tol=%.3g", a, tol);
        }
      }
    }
  }

  void fwd_compare(const char* kind, int at, double got, double want, double m) {
    ++stats().checks;
    const double tol = fwd_tol(std::max({std::fabs(got), std::fabs(want), m}));
    if (!close(got, want, tol)) {
      char nm[32];
      std::snprintf(nm, sizeof nm, "#%d", at);
      fail(kind, nm, got, want, "m=%.3g tol=%.3g", m, tol);
    }
  }

  // `want` (gradc in double, or the double reference when float is
  // involved: gradc's float result was compared with it) against central
  // differences; a kink (h and h/2 disagree) is skipped.
  void finite_differences(const char* param, double want, double dd, double fd, double fd2) {
    if (special_ || std::isnan(fd) || std::isnan(fd2)) return;
    if (!std::isfinite(fd) || !std::isfinite(fd2) ||
        std::fabs(fd - fd2) > kFdKink * std::max(1.0, std::fabs(fd2))) {
      ++stats().fd_skipped;
      return;
    }
    ++stats().fd_checked;
    ++stats().checks;
    const double tol = std::max(kFdTol * std::max(1.0, std::fabs(fd2)), 10 * std::fabs(fd - fd2));
    if (!close(want, fd2, tol))
      fail(low_ ? "ref-fd" : "fd", param, want, fd2, "fd_h=%.17g dual=%.17g tol=%.3g", fd, dd, tol);
  }

 private:
  template <class... A>
  void fail(const char* kind, const char* param, double got, double want, const char* fmt, A... extra) {
    ++stats().failed;
    char more[256];
    std::snprintf(more, sizeof more, fmt, extra...);
    std::printf("FAIL %s fn=%s pt=%d param=%s got=%.17g want=%.17g %s at %s\n", kind, fn_, index_, param, got, want,
                more, args_.c_str());
  }

  const char* fn_;
  int index_;
  bool special_;
  bool low_;
  std::string args_;
};

// Central differences of f at x with step h and h/2.
template <class Fn>
void central(Fn f, double x, double* fd, double* fd2) {
  double h = kFdStep * std::max(1.0, std::fabs(x));
  *fd = (f(x + h) - f(x - h)) / (2 * h);
  *fd2 = (f(x + h / 2) - f(x - h / 2)) / h;
}

inline int report() {
  const Stats& s = stats();
  std::printf("fuzz: %ld checks, %ld failed; %ld partials (%ld non-zero), fd %ld checked / %ld skipped (kinks), "
              "%ld points skipped\n",
              s.checks, s.failed, s.partials, s.nonzero, s.fd_checked, s.fd_skipped, s.points_skipped);
  return s.failed == 0 ? 0 : 1;
}

// `const std::vector<T>&` parameters (fz_spell4.py): a copy of an array, and an
// adjoint `std::vector<T>*` sized like it that writes back into the array when
// the full expression of the call ends (its temporary is destroyed then).
template <class T>
std::vector<T> vec(const T* p, int n) { return std::vector<T>(p, p + n); }

template <class T>
struct VecAdj {
  std::vector<T> v;
  T* dst;
  VecAdj(T* p, int n) : v(p, p + n), dst(p) {}
  ~VecAdj() { std::copy(v.begin(), v.end(), dst); }
  std::vector<T>* ptr() { return &v; }
};

}  // namespace fzcheck

#endif  // GRADC_FUZZ_CHECK_HPP
