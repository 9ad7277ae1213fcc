// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Carried state: one value per iteration is kept. A constant trip count
// gets an automatic array of exactly that size...
GRADC_GRAD
double euler(double x0, double k) {
  double x = x0;
  for (int t = 0; t < 10; ++t) x = x + 0.1 * std::sin(k * x);
  return x * x;
}

// ...a run-time one the caller's work buffer, sized by euler_n_grad_work_bytes.
GRADC_GRAD
double euler_n(double x0, double k, int steps) {
  double x = x0;
  for (int t = 0; t < steps; ++t) x = x + 0.1 * std::sin(k * x);
  return x * x;
}

// CHECK-LABEL: inline double euler_grad(double x0, double k, double* d_x0, double* d_k) {
// CHECK-NEXT: // line 12: double x = x0;
// CHECK-NEXT: double x = x0;
// CHECK-NEXT: // line 13: for (int t = 0; t < 10; ++t)
// CHECK-NEXT: double x_tape[10];
// CHECK-NEXT: for (int t = 0; t < 10; ++t) {
// CHECK-NEXT: x_tape[t] = x;
// CHECK-NEXT: // line 13: x = x + 0.1 * std::sin(k * x)
// CHECK-NEXT: x = x + 0.1 * std::sin(k * x);
// CHECK-NEXT: }
// CHECK-NEXT: // line 14: return x * x
// CHECK-NEXT: double euler = x * x;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 14: return x * x
// CHECK-NEXT: double d_x = 2.0 * x;
// CHECK-NEXT: // line 13: for (int t = 0; t < 10; ++t)
// CHECK-NEXT: double d_k_1 = 0.0;
// CHECK-NEXT: for (int t = 9; t >= 0; --t) {
// CHECK-NEXT: x = x_tape[t];
// CHECK-NEXT: // line 13: x = x + 0.1 * std::sin(k * x)
// CHECK-NEXT: double d_t0 = d_x * 0.1 * std::cos(k * x);
// CHECK-NEXT: d_k_1 += d_t0 * x;
// CHECK-NEXT: d_x += d_t0 * k;
// CHECK-NEXT: }
// CHECK-NEXT: // line 12: double x = x0;
// CHECK-NEXT: *d_x0 += d_x;
// CHECK-NEXT: *d_k += d_k_1;
// CHECK-NEXT: return euler;
// CHECK-NEXT: }
// CHECK-LABEL: inline std::size_t euler_n_grad_work_bytes(int steps) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>(steps > 0 ? steps : 0);
// CHECK-NEXT: }
// CHECK-LABEL: inline double euler_n_grad(double x0, double k, int steps, double* d_x0, double* d_k, void* work, std::size_t work_bytes) {
// CHECK-NEXT: // the reverse sweep's storage, in the caller's buffer
// CHECK-NEXT: if (work_bytes < euler_n_grad_work_bytes(steps) || reinterpret_cast<std::uintptr_t>(work) % alignof(double) != 0) return std::numeric_limits<double>::quiet_NaN();
// CHECK-NEXT: unsigned char* next = static_cast<unsigned char*>(work);
// CHECK-NEXT: double* x_tape = reinterpret_cast<double*>(next);
// CHECK-NEXT: // line 20: double x = x0;
// CHECK-NEXT: double x = x0;
// CHECK-NEXT: // line 21: for (int t = 0; t < steps; ++t)
// CHECK-NEXT: for (int t = 0; t < steps; ++t) {
// CHECK-NEXT: x_tape[t] = x;
// CHECK-NEXT: // line 21: x = x + 0.1 * std::sin(k * x)
// CHECK-NEXT: x = x + 0.1 * std::sin(k * x);
// CHECK-NEXT: }
// CHECK-NEXT: // line 22: return x * x
// CHECK-NEXT: double euler_n = x * x;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 22: return x * x
// CHECK-NEXT: double d_x = 2.0 * x;
// CHECK-NEXT: // line 21: for (int t = 0; t < steps; ++t)
// CHECK-NEXT: double d_k_1 = 0.0;
// CHECK-NEXT: for (int t = steps - 1; t >= 0; --t) {
// CHECK-NEXT: x = x_tape[t];
// CHECK-NEXT: // line 21: x = x + 0.1 * std::sin(k * x)
// CHECK-NEXT: double d_t0 = d_x * 0.1 * std::cos(k * x);
// CHECK-NEXT: d_k_1 += d_t0 * x;
// CHECK-NEXT: d_x += d_t0 * k;
// CHECK-NEXT: }
// CHECK-NEXT: // line 20: double x = x0;
// CHECK-NEXT: *d_x0 += d_x;
// CHECK-NEXT: *d_k += d_k_1;
// CHECK-NEXT: return euler_n;
// CHECK-NEXT: }
