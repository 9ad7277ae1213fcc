// Local pointers into arrays: `const T* row = W + j * d;`, `const T* const
// C = &cam[3];`, a writable `T* y = out + k;`, read and written through
// `row[i]`, `*p` and `(*p)`. A pointer stands for (array, offset), the offset
// fixed where it is declared. Checked against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// CHECK-LABEL: inline double rows_grad(
GRADC_GRAD_WRT(W, x)
double rows(const double* W, const double* x, int d) {
  double s = 0.0;
  for (int j = 0; j < 3; ++j) {
    const double* row = W + j * d;
    double z = 0.0;
    for (int i = 0; i < d; ++i) z += row[i] * x[i];
    s += std::tanh(z) * *row;
  }
  return s;
}

// A camera-like parameter block: fixed views at constant offsets.
GRADC_GRAD
double camera(const double* cam, const double* X) {
  const double* const R = &cam[0];
  const double* const C = &cam[3];
  double p = 0.0;
  for (int i = 0; i < 3; ++i) p += R[i] * (X[i] - C[i]);
  return p * p + (*C) * cam[6];
}

// A writable view: the function's output, written through `y` and `*y`.
GRADC_GRAD
void blocks(const double* x, double* out) {
  for (int k = 0; k < 2; ++k) {
    double* y = out + 2 * k;
    *y = x[k] * x[k + 1];
    y[1] = std::exp(x[k]);
  }
}

// A writable view of a local array.
GRADC_GRAD
double scratch(const double* x) {
  double t[4];
  double* lo = t;
  double* hi = &t[2];
  for (int i = 0; i < 2; ++i) {
    lo[i] = x[i] * x[2];
    hi[i] = std::sin(x[i + 1]);
  }
  return lo[0] * hi[1] + (*lo) * (*hi) + t[1];
}

// The offset is fixed where the pointer is declared: k changes after.
// CHECK-LABEL: inline double fixed_offset_grad(
// CHECK: int p_off = k;
GRADC_GRAD
double fixed_offset(const double* x) {
  int k = 1;
  const double* p = x + k;
  const double& e = *p;
  k = 3;
  return p[0] * x[k] + e;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <functional>
#include <vector>

namespace {

int bad = 0;

void check(const char* what, std::vector<double>& p, const std::vector<double>& grad, const std::function<double()>& f) {
  bad |= !reportGradient(what, p, grad, f);
}

}  // namespace

int main() {
  const int d = 3;
  std::vector<double> W(9), x = {0.9, -0.5, 0.7}, dW(9), dx(3);
  for (int i = 0; i < 9; ++i) W[i] = std::sin(0.7 * i + 0.3);
  double v = rows_grad(W.data(), x.data(), d, dW.data(), dx.data());
  bad |= v != rows(W.data(), x.data(), d);
  check("rows dW", W, dW, [&] { return rows(W.data(), x.data(), d); });
  check("rows dx", x, dx, [&] { return rows(W.data(), x.data(), d); });

  std::vector<double> cam = {0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 1.3}, X = {1.0, 2.0, -1.5}, dcam(7), dX(3);
  camera_grad(cam.data(), X.data(), dcam.data(), dX.data());
  check("camera dcam", cam, dcam, [&] { return camera(cam.data(), X.data()); });
  check("camera dX", X, dX, [&] { return camera(cam.data(), X.data()); });

  // blocks: one output at a time (seed e_m), against differences of out[m].
  std::vector<double> x3 = {0.4, -0.3, 0.8};
  for (int m = 0; m < 4; ++m) {
    std::vector<double> seed(4, 0.0), dx3(3, 0.0), out(4);
    seed[m] = 1.0;
    blocks_pullback(x3.data(), out.data(), dx3.data(), seed.data());
    bad |= seed[m] != 0.0;  // seeds are zeroed
    check("blocks dx", x3, dx3, [&] {
      double out[4];
      blocks(x3.data(), out);
      return out[m];
    });
  }

  std::vector<double> xs = {0.2, 0.9, -0.6}, dxs(3);
  scratch_grad(xs.data(), dxs.data());
  check("scratch dx", xs, dxs, [&] { return scratch(xs.data()); });
  std::vector<double> xf = {0.2, 0.9, -0.6, 1.7}, dxf(4);
  fixed_offset_grad(xf.data(), dxf.data());
  check("fixed_offset dx", xf, dxf, [&] { return fixed_offset(xf.data()); });
  return bad;
}
#endif
