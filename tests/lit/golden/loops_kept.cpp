// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Optimizations pinned here (issue 7): the exp results the reverse sweep
// needs are kept per iteration (e_kept), not recomputed; reverse loops whose
// iterations are independent run forwards, the running max (its adjoint
// flows from one iteration to the one before) backwards.
GRADC_GRAD_WRT(z)
double cross_entropy(const double* z, int label) {
  double m = z[0];
  for (int k = 1; k < 10; ++k) m = std::fmax(m, z[k]);
  double sum = 0.0;
  for (int k = 0; k < 10; ++k) {
    double e = std::exp(z[k] - m);
    sum += e;
  }
  return std::log(sum) + m - z[label];
}

// CHECK-LABEL: inline double cross_entropy_grad(const double* z, int label, double* GRADC_RESTRICT d_z) {
// CHECK-NEXT: #ifdef GRADC_CHECK_ALIASING
// CHECK-NEXT: gradc::check_apart({{[{][{]}}d_z, sizeof(double)}, {z, sizeof(double)}}, 1, "cross_entropy_grad: an adjoint array overlaps another argument");
// CHECK-NEXT: #endif
// CHECK-NEXT: // line 14: double m = z[0];
// CHECK-NEXT: double m = z[0];
// CHECK-NEXT: // line 15: for (int k = 1; k < 10; ++k)
// CHECK-NEXT: double m_tape[9];
// CHECK-NEXT: for (int k = 1; k < 10; ++k) {
// CHECK-NEXT: m_tape[k - 1] = m;
// CHECK-NEXT: // line 15: m = std::fmax(m, z[k])
// CHECK-NEXT: m = std::fmax(m, z[k]);
// CHECK-NEXT: }
// CHECK-NEXT: // line 16: double sum = 0.0;
// CHECK-NEXT: double sum = 0.0;
// CHECK-NEXT: // line 17: for (int k = 0; k < 10; ++k)
// CHECK-NEXT: double e_kept[10];
// CHECK-NEXT: for (int k = 0; k < 10; ++k) {
// CHECK-NEXT: // line 18: double e = std::exp(z[k] - m);
// CHECK-NEXT: double e = std::exp(z[k] - m);
// CHECK-NEXT: e_kept[k] = e;
// CHECK-NEXT: // line 19: sum += e
// CHECK-NEXT: sum = sum + e;
// CHECK-NEXT: }
// CHECK-NEXT: // line 21: return std::log(sum) + m - z[label]
// CHECK-NEXT: double cross_entropy = std::log(sum) + m - z[label];
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 21: return std::log(sum) + m - z[label]
// CHECK-NEXT: d_z[label] -= 1.0;
// CHECK-NEXT: double d_m = 1.0;
// CHECK-NEXT: double d_sum = 1.0 / sum;
// CHECK-NEXT: // line 17: for (int k = 0; k < 10; ++k)
// CHECK-NEXT: for (int k = 0; k < 10; ++k) {
// CHECK-NEXT: // line 18: double e = std::exp(z[k] - m);
// CHECK-NEXT: double e = e_kept[k];
// CHECK-NEXT: double d_t0 = d_sum * e;
// CHECK-NEXT: d_m -= d_t0;
// CHECK-NEXT: d_z[k] += d_t0;
// CHECK-NEXT: }
// CHECK-NEXT: // line 15: for (int k = 1; k < 10; ++k)
// CHECK-NEXT: for (int k = 9; k >= 1; --k) {
// CHECK-NEXT: m = m_tape[k - 1];
// CHECK-NEXT: // line 15: m = std::fmax(m, z[k])
// CHECK-NEXT: double t0 = z[k];
// CHECK-NEXT: double d_t1 = d_m;
// CHECK-NEXT: d_m = m >= t0 || t0 != t0 ? d_t1 : 0.0;
// CHECK-NEXT: d_z[k] += m >= t0 || t0 != t0 ? 0.0 : d_t1;
// CHECK-NEXT: }
// CHECK-NEXT: // line 14: double m = z[0];
// CHECK-NEXT: d_z[0] += d_m;
// CHECK-NEXT: return cross_entropy;
// CHECK-NEXT: }
