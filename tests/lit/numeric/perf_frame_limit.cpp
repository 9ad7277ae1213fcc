// The frame limit (cleanup/Frame.cpp): an RK4 over up to 2048 states declares
// six 16 KiB arrays, and its gradient their adjoints and a tape besides. Over
// the default 64 KiB, the largest arrays move to the caller's work buffer
// until the rest fit; an adjoint that started zeroed is zeroed where it was
// declared, over the states used (n), not all 2048. With --frame-limit=0 all
// stay on the stack. Both gradients are equal bit for bit and match central
// differences; g++ -fstack-usage measures each frame: under the limit (plus
// scalars and spills), and above it without the limit.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s --input-file %t.hpp
// RUN: %gradc --frame-limit=0 %s -o %t.nolimit.hpp -- %flags
// RUN: %FileCheck %s --check-prefix=NOLIMIT --input-file %t.nolimit.hpp
// RUN: sed s/GRADC_GENERATED_/NOLIMIT_GRADC_GENERATED_/ %t.nolimit.hpp > %t.other.hpp
// RUN: %run-check-sanitized %s %t.hpp -DGRADC_OTHER_HEADER=\"%t.other.hpp\"
// RUN: %gxx %flags -O1 -fstack-usage -DGRADC_CHECK_MAIN -DGRADC_GRAD_HEADER=\"%t.hpp\" -c %s -o %t.o
// RUN: awk -F'\t' '$1 ~ /rk4_end_grad/ { found = 1; if ($2 > 65536 + 8192) { print "frame " $2; exit 1 } } END { exit !found }' %t.su
// RUN: %gxx %flags -O1 -fstack-usage -DGRADC_CHECK_MAIN -DGRADC_GRAD_HEADER=\"%t.nolimit.hpp\" -c %s -o %t.nolimit.o
// RUN: awk -F'\t' '$1 ~ /rk4_end_grad/ { found = 1; if ($2 <= 65536) exit 1 } END { exit !found }' %t.nolimit.su
#include <gradc/gradc.h>

constexpr int kMaxStates = 2048;

// The state after `steps` RK4 steps of y' = a * y + (y shifted by one) * b,
// summed: scratch arrays of the maximum size, n of them used.
// CHECK-LABEL: inline std::size_t rk4_end_grad_work_bytes(
// CHECK-LABEL: inline double rk4_end_grad(
// CHECK: double* k1 = reinterpret_cast<double*>(next);
// CHECK: double* d_k1 = reinterpret_cast<double*>(next);
// CHECK: for (int k = 0; k < n; ++k) {
// CHECK-NEXT: d_k{{[1-4]}}[k] = 0.0;
// CHECK: return
// NOLIMIT-LABEL: inline double rk4_end_grad(
// NOLIMIT-NOT: double* k1 =
// NOLIMIT: double k1[2048];
GRADC_GRAD_WRT(y0, a, b)
double rk4_end(const double* y0, int n, int steps, double a, double b, double h) {
  double y[kMaxStates], k1[kMaxStates], k2[kMaxStates], k3[kMaxStates], k4[kMaxStates], tmp[kMaxStates];
  for (int i = 0; i < n; ++i) y[i] = y0[i];
  for (int s = 0; s < steps; ++s) {
    for (int i = 0; i < n; ++i) k1[i] = a * y[i] + (i > 0 ? b * y[i - 1] : 0.0);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    for (int i = 0; i < n; ++i) k2[i] = a * tmp[i] + (i > 0 ? b * tmp[i - 1] : 0.0);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    for (int i = 0; i < n; ++i) k3[i] = a * tmp[i] + (i > 0 ? b * tmp[i - 1] : 0.0);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + h * k3[i];
    for (int i = 0; i < n; ++i) k4[i] = a * tmp[i] + (i > 0 ? b * tmp[i - 1] : 0.0);
    for (int i = 0; i < n; ++i) y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += y[i];
  return sum;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/central_difference.hpp"
#include <cstdio>
#include <cstring>
#include <vector>
#ifdef GRADC_OTHER_HEADER
namespace nolimit {
#include GRADC_OTHER_HEADER
}
#endif

int main() {
  int bad = 0;
  for (int n : {1, 5, 300}) {
    const int steps = 7;
    const double h = 0.05;
    std::vector<double> y0(n), g(n), p = {0.3, -0.7};
    for (int i = 0; i < n; ++i) y0[i] = 0.1 * (i % 7) - 0.2;
    std::vector<unsigned char> work(rk4_end_grad_work_bytes(n, steps) + 1);
    double da = 0, db = 0;
    double v = rk4_end_grad(y0.data(), n, steps, p[0], p[1], h, g.data(), &da, &db, work.data(), work.size());
    auto f = [&] { return rk4_end(y0.data(), n, steps, p[0], p[1], h); };
    if (v != f()) std::printf("FAIL: n = %d, value %.17g vs %.17g\n", n, v, f()), bad = 1;
    bad |= !reportGradient("rk4_end d_y0", y0, g, f);
    std::vector<double> gp = {da, db};
    bad |= !reportGradient("rk4_end d_a, d_b", p, gp, f);
#ifdef GRADC_OTHER_HEADER
    std::vector<double> g2(n);
    double da2 = 0, db2 = 0;
    std::vector<unsigned char> work2(nolimit::rk4_end_grad_work_bytes(n, steps) + 1);
    double v2 = nolimit::rk4_end_grad(y0.data(), n, steps, p[0], p[1], h, g2.data(), &da2, &db2, work2.data(),
                                      work2.size());
    if (v2 != v || da2 != da || db2 != db || std::memcmp(g.data(), g2.data(), sizeof(double) * n) != 0)
      std::printf("FAIL: n = %d, the frame-limited gradient differs from the unlimited one\n", n), bad = 1;
#endif
  }
  return bad;
}
#endif
