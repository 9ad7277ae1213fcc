// Regression (issue 24, item 2): a marked template instantiated for float and
// double, with a loop of run-time length that keeps a value per iteration,
// had one eval_f_grad_work_bytes(int) for both, sized with sizeof(float): the
// double pullback wrote past the caller's buffer (ASan heap-buffer-overflow).
// Each instantiation now has its own eval_f_grad_work_bytes<T>(count). The
// check gives f_grad a heap buffer of exactly that many bytes, under ASan and
// UBSan; one byte short, f_grad returns NaN and writes no adjoint.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check-sanitized %s %t.hpp
#include <gradc/gradc.h>
#include <cmath>

template <typename T>
GRADC_GRAD
T eval_f(T* y_out, T a, const T ys[2], T* res, T w1, int count) {
  for (int j = 0; j < count; ++j) a = a / std::hypot(w1, 1.0) + ys[j % 2];
  y_out[0] = a;
  res[0] = a * 2;
  return a;
}
template float eval_f<float>(float*, float, const float*, float*, float, int);
template double eval_f<double>(double*, double, const double*, double*, double, int);

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <cstdlib>

// The seeds of the outputs y_out[0] and res[0]: the gradient is that of
// eval_f + 0.5 y_out[0] + 0.25 res[0].
const double kSeedY = 0.5, kSeedRes = 0.25;

template <typename T>
double target(const double p[4], int count) {
  T ys[2] = {T(p[1]), T(p[2])}, y_out[1], res[1];
  T r = eval_f<T>(y_out, T(p[0]), ys, res, T(p[3]), count);
  return double(r) + kSeedY * double(y_out[0]) + kSeedRes * double(res[0]);
}

// f_grad at p with a malloc'd work buffer of exactly `bytes` bytes:
// d = (d_a, d_ys[0], d_ys[1], d_w1); returns the value f_grad returned.
template <typename T>
double grad(const double p[4], int count, std::size_t bytes, double d[4]) {
  T ys[2] = {T(p[1]), T(p[2])}, y_out[1], res[1], d_y_out[1] = {T(kSeedY)}, d_res[1] = {T(kSeedRes)};
  T g[4] = {};
  void* work = std::malloc(bytes);
  T r = eval_f_grad(y_out, T(p[0]), ys, res, T(p[3]), count, d_y_out, &g[0], &g[1], d_res, &g[3], work, bytes);
  std::free(work);
  for (int k = 0; k < 4; ++k) d[k] = double(g[k]);
  return double(r);
}

int main() {
  const int count = 7;  // odd: a float tape's end is not 8-aligned
  double p[4] = {0.4, 1.3, -0.7, 0.8}, dd[4], df[4];
  // Each instantiation's size: count elements of its own type.
  const std::size_t bytes_d = eval_f_grad_work_bytes<double>(count), bytes_f = eval_f_grad_work_bytes<float>(count);
  grad<double>(p, count, bytes_d, dd);
  grad<float>(p, count, bytes_f, df);
  double err_d = worstRelativeError(p, dd, 4, [&] { return target<double>(p, count); });
  double err_f = 0;  // the float gradient against the double one, to float precision
  for (int k = 0; k < 4; ++k) err_f = std::fmax(err_f, std::fabs(df[k] - dd[k]) / std::fmax(1.0, std::fabs(dd[k])));
  // The contract: one byte short, NaN and no adjoint written.
  double short_d[4], short_f[4];
  double nan_d = grad<double>(p, count, bytes_d - 1, short_d), nan_f = grad<float>(p, count, bytes_f - 1, short_f);
  bool untouched = true;
  for (int k = 0; k < 4; ++k) untouched = untouched && short_d[k] == 0 && short_f[k] == 0;
  std::printf("bytes double %zu float %zu; error double %.2e float %.2e; one byte short: %g %g, adjoints %s\n", bytes_d,
              bytes_f, err_d, err_f, nan_d, nan_f, untouched ? "untouched" : "WRITTEN");
  bool ok = bytes_d == count * sizeof(double) && bytes_f == count * sizeof(float) && err_d < 1e-6 && err_f < 1e-4 &&
            std::isnan(nan_d) && std::isnan(nan_f) && untouched;
  return ok ? 0 : 1;
}
#endif
