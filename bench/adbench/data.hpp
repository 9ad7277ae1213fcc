// Deterministic inputs for the adbench objectives, shared by the tests
// (tests/adbench) and the benchmark (bench/adbench/bench.cpp). Random values
// from a fixed-seed generator, in the ranges ADBench's generators use.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

namespace adbench {

struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 1) {}
  double uniform(double lo = 0.0, double hi = 1.0) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return lo + (hi - lo) * static_cast<double>(s >> 11) * 0x1p-53;
  }
  void fill(std::vector<double>& v, double lo, double hi) {
    for (double& x : v) x = uniform(lo, hi);
  }
};

struct Lse {
  int n;
  std::vector<double> x;
};
inline Lse make_lse(int n) {
  Lse p{n, std::vector<double>(n)};
  Rng(1).fill(p.x, -3.0, 3.0);
  return p;
}

struct Kmeans {
  int n, k, d;
  std::vector<double> points, centres;
};
inline Kmeans make_kmeans(int n, int k, int d) {
  Kmeans p{n, k, d, std::vector<double>(n * d), std::vector<double>(k * d)};
  Rng r(2);
  r.fill(p.points, -1.0, 1.0);
  r.fill(p.centres, -1.0, 1.0);
  return p;
}

struct Gmm {
  int d, k, n;
  std::vector<double> alphas, means, icf, x;
  double gamma;
  int m;
};
inline Gmm make_gmm(int d, int k, int n) {
  const int icf_sz = d * (d + 1) / 2;
  Gmm p{d, k, n, std::vector<double>(k), std::vector<double>(k * d), std::vector<double>(k * icf_sz),
        std::vector<double>(n * d), 1.0, 0};
  Rng r(3);
  r.fill(p.alphas, -1.0, 1.0);
  r.fill(p.means, 0.0, 1.0);
  r.fill(p.icf, -0.5, 0.5);
  r.fill(p.x, 0.0, 1.0);
  return p;
}

struct Ba {
  int n, m, p;
  std::vector<double> cams, X, w, feats;
  std::vector<int> obs;
};
// n cameras near the origin looking down +z, m points in front of them, p
// observations (camera i % n, point i % m). Rotations are small and nonzero.
inline Ba make_ba(int n, int m, int p) {
  Ba b{n, m, p, std::vector<double>(n * 11), std::vector<double>(m * 3), std::vector<double>(p),
       std::vector<double>(2 * p), std::vector<int>(2 * p)};
  Rng r(4);
  for (int i = 0; i < n; ++i) {
    double* c = &b.cams[i * 11];
    for (int k = 0; k < 3; ++k) c[k] = r.uniform(-0.2, 0.2);
    for (int k = 3; k < 6; ++k) c[k] = r.uniform(-0.5, 0.5);
    c[6] = r.uniform(0.8, 1.2);
    c[7] = r.uniform(-0.1, 0.1);
    c[8] = r.uniform(-0.1, 0.1);
    c[9] = r.uniform(-0.05, 0.05);
    c[10] = r.uniform(-0.01, 0.01);
  }
  for (int j = 0; j < m; ++j) {
    b.X[j * 3] = r.uniform(-1.0, 1.0);
    b.X[j * 3 + 1] = r.uniform(-1.0, 1.0);
    b.X[j * 3 + 2] = r.uniform(4.0, 8.0);
  }
  for (int i = 0; i < p; ++i) {
    b.obs[2 * i] = i % n;
    b.obs[2 * i + 1] = (i * 7 + i / m) % m;
    b.w[i] = r.uniform(0.5, 1.5);
    b.feats[2 * i] = r.uniform(-0.3, 0.3);
    b.feats[2 * i + 1] = r.uniform(-0.3, 0.3);
  }
  return b;
}

struct Lstm {
  int l, c, b;
  std::vector<double> main_params, extra_params, state, sequence;
};
inline Lstm make_lstm(int l, int c, int b) {
  Lstm p{l, c, b, std::vector<double>(l * 8 * b), std::vector<double>(3 * b), std::vector<double>(l * 2 * b),
         std::vector<double>(c * b)};
  Rng r(5);
  r.fill(p.main_params, -1.0, 1.0);
  r.fill(p.extra_params, -1.0, 1.0);
  r.fill(p.state, -1.0, 1.0);
  r.fill(p.sequence, 0.0, 1.0);
  return p;
}

struct Llsq {
  int m, n;
  std::vector<double> x;
};
inline Llsq make_llsq(int m, int n) {
  Llsq p{m, n, std::vector<double>(m)};
  Rng(6).fill(p.x, -1.0, 1.0);
  return p;
}

struct Ode {
  int n, s;
  std::vector<double> x;
};
inline Ode make_ode(int n, int s) {
  Ode p{n, s, std::vector<double>(n)};
  Rng(7).fill(p.x, 0.5, 1.5);
  return p;
}

inline std::vector<double> make_matrix(int n) {
  std::vector<double> a(n * n);
  Rng(8).fill(a, -1.0, 1.0);
  return a;
}

// A buffer for a generated gradient's work (aligned like double).
struct Work {
  std::vector<double> buf;
  std::size_t bytes;
  explicit Work(std::size_t b) : buf(b / sizeof(double) + 1), bytes(b) {}
  void* ptr() { return buf.data(); }
};

}  // namespace adbench
