// More columns than one sweep carries (forward/Directions.h: 32 packed
// directions): two sweeps of 20 columns each, each computing f again with its
// own locals and writing its columns first + d. A 1-D diffusion step over 40
// cells, checked against central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
// CHECK: // Forward mode: 40 column(s) <= 40 row(s), 2 sweeps carrying up to 20 directions each:
// CHECK: inline void diffuse_jacobian(const double* u, double* next, double* J) {
// CHECK: for (int d = 0; d < 20; ++d) {
// CHECK: J[i * 40 + d] =
// CHECK: for (int i = 0; i < gradc_src::kCells; ++i) {
// CHECK: J[i * 40 + 20 + d] =
// CHECK-NOT: diffuse_jvp(
// CHECK: inline constexpr int diffuse_jacobian_nnz = 118;
#include <gradc/gradc.h>

#include <cmath>

constexpr int kCells = 40;

GRADC_JACOBIAN
void diffuse(const double u[kCells], double next[kCells]) {
  for (int i = 0; i < kCells; ++i) {
    double left = i > 0 ? u[i - 1] : 0.0;
    double right = i + 1 < kCells ? u[i + 1] : 0.0;
    next[i] = u[i] + 0.2 * (left - 2.0 * u[i] + right) - 0.05 * u[i] * u[i] * u[i];
  }
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  double u[kCells], next[kCells], J[kCells * kCells];
  for (int i = 0; i < kCells; ++i) u[i] = std::sin(0.4 * i) + 0.1 * i;
  std::vector<double*> in;
  for (double& v : u) in.push_back(&v);
  std::vector<double> fd = centralJacobian<double>(in, kCells, [&](double* o) { diffuse(u, o); });
  diffuse_jacobian(u, next, J);
  return report("diffuse_jacobian vs central differences", worstDifference(J, fd.data(), kCells * kCells), 1e-7) ? 0 : 1;
}
#endif
