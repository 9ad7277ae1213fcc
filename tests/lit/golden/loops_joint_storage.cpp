// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
#include <gradc/gradc.h>

#include <cmath>

// A jointed loop's storage holds one iteration (issue 18): the polynomial's
// powers t^j are taped for one sample, not for all n (GradBench llsq: 64
// doubles where 640,000 were kept), and the work buffer's size has no n.
// The numbers are checked in numeric/joint_one_iteration.cpp.
// CHECK-LABEL: inline std::size_t llsq_grad_work_bytes(int m, int /*n*/) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>(m > 0 ? m : 0);
// CHECK-NEXT: }
// CHECK-LABEL: inline double llsq_grad(
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK: for (int j = 0; j < m; ++j) {
// CHECK-NEXT: tj_tape[j] = tj;
// CHECK: // reverse sweep of this iteration
// CHECK: for (int j = 0; j < m; ++j) {
// CHECK-NEXT: tj = tj_tape[j];
// CHECK-NEXT: // line [[#]]: model += x[j] * tj
// CHECK-NEXT: d_x[j] += d_model * tj;
inline double sign_of(double t) { return t > 0.0 ? 1.0 : (t < 0.0 ? -1.0 : 0.0); }

GRADC_GRAD_WRT(x)
double llsq(const double* x, int m, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = -1.0 + 2.0 * i / (n - 1);
    double model = 0.0;
    double tj = 1.0;
    for (int j = 0; j < m; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    const double r = sign_of(t) - model;
    sum += r * r;
  }
  return 0.5 * sum;
}

// With no inner loop around it, an element kept for the jointed iteration
// needs no slot per sample; here not even a scalar: the reverse iteration
// reads the old values from the forward's temporaries, so putting q's
// elements back (q is the iteration's own) is dead, and so is keeping them.
// No work buffer at all. (Jointed as its iteration calls sin: a plain
// reduction stays split.)
// CHECK-LABEL: inline double distort_grad(const double* x, double a, int n, double* GRADC_RESTRICT d_x) {
// CHECK-NOT: q_tape
// CHECK: for (int i = 0; i < n - 1; ++i) {
// CHECK: // reverse sweep of this iteration
// CHECK-NOT: q_tape
// CHECK: return distort;
GRADC_GRAD_WRT(x)
double distort(const double* x, double a, int n) {
  double sum = 0.0;
  for (int i = 0; i + 1 < n; ++i) {
    double q[2];
    q[0] = a * x[i];
    q[1] = x[i + 1];
    const double L = 1.0 + q[0] * q[0] + q[1] * q[1];
    q[0] = q[0] * L;
    q[1] = q[1] * L;
    sum += std::sin(q[0]) * q[1];
  }
  return sum;
}
