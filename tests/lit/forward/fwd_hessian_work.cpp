// f_hvp and f_hessian of a function whose gradient keeps storage in a work
// buffer (a loop of run-time length). f_hvp sweeps f_grad forward: each tape
// in the buffer has its tangent beside it, so f_hvp takes a buffer of its own
// size, f_hvp_work_bytes; f_hessian and its sparse form take that buffer and
// pass it to each f_hvp (one per column: a sweep carrying every direction
// would need the tapes' tangents once per direction). Too small a buffer: NaN,
// nothing written. Before: an error at the marker.
// Checked for trip counts 0, 1, 3 and 40: H against central differences of
// f_grad, f_hvp against H v, the sparse form against the dense one (which
// averages H and H^T: 3e-16 apart).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// RUN: %run-check-sanitized %s %t.hpp
// CHECK-LABEL: inline std::size_t loss_hvp_work_bytes(int n) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>(n > 0 ? n : 0) +
// CHECK: inline double loss_hvp(const double* w, const double* xs, int n, const double* t_w, double* hv_w, void* work, std::size_t work_bytes) {
// CHECK-NEXT: // the reverse sweep's storage, in the caller's buffer
// CHECK-NEXT: if (work_bytes < loss_hvp_work_bytes(n) || {{.*}}) return std::numeric_limits<double>::quiet_NaN();
// CHECK: double* t_h_tape = reinterpret_cast<double*>(next);
// CHECK: // one loss_hvp sweep per column, then (H + H^T) / 2: exactly symmetric.
// CHECK-NEXT: // It takes loss_hvp's work buffer, of loss_hvp_work_bytes(...) bytes, and passes it on.
// CHECK-NEXT: inline double loss_hessian(const double* w, const double* xs, int n, double* H, void* work, std::size_t work_bytes) {
// CHECK-NEXT: if (work_bytes < loss_hvp_work_bytes(n) ||
// CHECK: value = loss_hvp(w, xs, n, t_w, hv_w, work, work_bytes);
// CHECK: inline double loss_hessian_sparse(const double* w, const double* xs, int n, double* values, void* work, std::size_t work_bytes) {
// CHECK: loss_hvp(w, xs, n, {{.*}}, work, work_bytes);
// A loop of run-time stride whose tapes cleanup drops: no buffer anywhere, and
// f_hessian takes none either (it took one, f_hvp none: fuzz seed 8209).
// CHECK-NOT: strided_hvp_work_bytes
// CHECK: inline double strided_hvp(double x, double z, double t_x, double t_z, double* hv_x, double* hv_z) {
// CHECK: inline double strided_hessian(double x, double z, double* H) {
#include <gradc/gradc.h>

#include <cmath>

// A recurrent state over n steps: the reverse sweep needs each step's state.
GRADC_HESSIAN_WRT(w)
double loss(const double w[3], const double xs[64], int n) {
  double h = 0.0, total = 0.0;
  for (int i = 0; i < n; ++i) {
    h = std::tanh(w[0] * h + w[1] * xs[i] + w[2]);
    total += h * h;
  }
  return total;
}

GRADC_HESSIAN_WRT(x, z)
double strided(double x, double z) {
  int step = 1;
  for (int i = 0; i <= 4; i += step) {
    x = z * 3.0;
    bool below = x <= z;
    x += below ? 0.001 : -0.001;
  }
  return std::sin(x) * z;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"

// A buffer of `bytes` (a multiple of 8 here), aligned like double and ending
// where the bytes do, so that ASan sees a write past them.
static void* alignedIn(std::vector<double>& storage, size_t bytes) {
  storage.assign((bytes + 7) / 8, 0.0);
  return storage.data();
}

int main() {
  bool ok = true;
  double xs[64];
  for (int i = 0; i < 64; ++i) xs[i] = std::sin(0.37 * i) + 0.1;
  for (int n : {0, 1, 3, 40}) {
    double w[3] = {0.6, -0.8, 0.3}, H[9], values[9];
    std::vector<double> hvpStorage, gradStorage;
    const size_t hvpBytes = loss_hvp_work_bytes(n), gradBytes = loss_grad_work_bytes(n);
    void* work = alignedIn(hvpStorage, hvpBytes);
    const double v = loss_hessian(w, xs, n, H, work, hvpBytes);
    ok = report("loss_hessian returns loss", std::fabs(v - loss(w, xs, n)), 0) && ok;
    // H against central differences of loss_grad (which takes its own, smaller buffer).
    void* gradWork = alignedIn(gradStorage, gradBytes);
    std::vector<double> fd = centralJacobian<double>({&w[0], &w[1], &w[2]}, 3, [&](double* g) {
      for (int k = 0; k < 3; ++k) g[k] = 0.0;
      loss_grad(w, xs, n, g, gradWork, gradBytes);
    });
    ok = report("loss_hessian vs central differences", worstDifference(H, fd.data(), 9), 1e-7) && ok;
    bool symmetric = true;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) symmetric = symmetric && H[i * 3 + j] == H[j * 3 + i];
    ok = report("loss_hessian symmetric", symmetric ? 0 : 1, 0) && ok;
    const double dir[3] = {0.3, -1.1, 0.7};
    double hv[3];
    ok = report("loss_hvp returns loss", std::fabs(loss_hvp(w, xs, n, dir, hv, work, hvpBytes) - loss(w, xs, n)), 0) && ok;
    std::vector<double> Hv = times(std::vector<double>(H, H + 9), dir, 3, 3);
    ok = report("loss_hvp vs H v", worstDifference(hv, Hv.data(), 3), 1e-13) && ok;
    loss_hessian_sparse(w, xs, n, values, work, hvpBytes);
    double fromSparse[9] = {};
    for (int k = 0; k < loss_hessian_nnz; ++k)
      fromSparse[loss_hessian_sparse_rows[k] * 3 + loss_hessian_sparse_cols[k]] = values[k];
    ok = report("loss_hessian_sparse vs loss_hessian", worstDifference(fromSparse, H, 9), 1e-14) && ok;
    // Too small a buffer (when one is needed at all): NaN, H untouched.
    if (hvpBytes > 0) {
      double untouched[9];
      for (double& h : untouched) h = 42.0;
      const double nan = loss_hessian(w, xs, n, untouched, work, hvpBytes - 1);
      bool kept = std::isnan(nan);
      for (double h : untouched) kept = kept && h == 42.0;
      double hvKept[3] = {42.0, 42.0, 42.0};
      kept = kept && std::isnan(loss_hvp(w, xs, n, dir, hvKept, work, hvpBytes - 1)) && hvKept[0] == 42.0;
      ok = report("too small a buffer: NaN, nothing written", kept ? 0 : 1, 0) && ok;
    }
  }
  for (double z : {-0.4, 0.7}) {
    double x = 0.3, H[4];
    strided_hessian(x, z, H);
    std::vector<double> fd = centralJacobian<double>({&x, &z}, 2, [&](double* g) {
      g[0] = g[1] = 0.0;
      strided_grad(x, z, &g[0], &g[1]);
    });
    ok = report("strided_hessian vs central differences", worstDifference(H, fd.data(), 4), 1e-7) && ok;
  }
  return ok ? 0 : 1;
}
#endif
