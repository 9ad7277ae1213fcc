#pragma once
// The check main run_peer.py generates for one function includes this: it
// walks every float/double inside a parameter (scalars, arrays, structs
// through their peer_each, std::array, std::vector) and compares the gradient
// with central differences of phi = f's value + sum(seed * final value of
// each writable differentiated parameter): the function gradc's f_grad /
// f_pullback differentiates when writable parameters' adjoints hold seeds.
#include <array>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <vector>

namespace peercheck {

// One scalar inside a parameter: a double or a float.
struct Ref {
  double* d = nullptr;
  float* f = nullptr;
  explicit Ref(double* p) : d(p) {}
  explicit Ref(float* p) : f(p) {}
  double get() const { return d ? *d : static_cast<double>(*f); }
  void set(double v) const {
    if (d)
      *d = v;
    else
      *f = static_cast<float>(v);
  }
  bool isFloat() const { return f != nullptr; }
};

template <class F>
void each(double& x, F&& f) {
  f(x);
}
template <class F>
void each(float& x, F&& f) {
  f(x);
}
template <class T, class F, std::enable_if_t<std::is_integral<T>::value, int> = 0>
void each(T&, F&&) {}
template <class T, std::size_t N, class F>
void each(T (&a)[N], F&& f) {
  for (auto& e : a) each(e, f);
}
template <class T, std::size_t N, class F>
void each(std::array<T, N>& a, F&& f) {
  for (auto& e : a) each(e, f);
}
template <class T, class F>
void each(std::vector<T>& a, F&& f) {
  for (auto& e : a) each(e, f);
}
template <class F>
void each(std::pair<double, double>& p, F&& f) {
  f(p.first);
  f(p.second);
}
// Structs: the corpus's types header defines peer_each(S&, f) for each one.
template <class T, class F, std::enable_if_t<std::is_class<T>::value, int> = 0>
void each(T& s, F&& f) {
  peer_each(s, f);
}

template <class T>
void collect(T& x, std::vector<Ref>& out) {
  each(x, [&](auto& v) { out.emplace_back(&v); });
}

struct Result {
  int partials = 0, kinks = 0, failed = 0;
};

// Compares grads[k] with central differences of phi over xs[k]. A partial
// whose difference quotients at h and h/2 disagree sits on a kink: skipped.
template <class Phi>
Result compare(const char* fn, std::vector<Ref>& xs, const std::vector<double>& grads, Phi&& phi) {
  Result r;
  for (std::size_t k = 0; k < xs.size(); ++k) {
#ifdef PEER_FLOAT_TOL
    const bool flt = true;
#else
    const bool flt = xs[k].isFloat();
#endif
    const double keep = xs[k].get();
    const double h = (flt ? 1e-2 : 1e-5) * std::fmax(1.0, std::fabs(keep));
    auto quotient = [&](double step) {
      xs[k].set(keep + step);
      double up = phi();
      xs[k].set(keep - step);
      double down = phi();
      xs[k].set(keep);
      return (up - down) / (2 * step);
    };
    const double fd = quotient(h), fd2 = quotient(h / 2);
    const double scale = std::fmax(1.0, std::fabs(fd2));
    ++r.partials;
    if (std::fabs(fd - fd2) > (flt ? 3e-2 : 1e-4) * scale) {
      ++r.kinks;
      continue;
    }
    const double err = std::fabs(grads[k] - fd2) / scale;
    if (!(err <= (flt ? 2e-2 : 1e-6))) {
      ++r.failed;
      std::printf("FAIL %s partial %zu: gradc %.12g, central difference %.12g\n", fn, k, grads[k], fd2);
    }
  }
  return r;
}

inline bool samePrimal(const char* fn, double got, double want) {
  if (std::isnan(got) && std::isnan(want)) return true;
  if (std::fabs(got - want) <= 1e-9 * std::fmax(1.0, std::fabs(want))) return true;
  std::printf("FAIL %s value: f_grad returned %.17g, f %.17g\n", fn, got, want);
  return false;
}

}  // namespace peercheck
