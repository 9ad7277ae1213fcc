// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// A kept array written under a condition is read under the same one, but
// g++ -O2 cannot see it (-Wmaybe-uninitialized): it is declared `= {}`.
// Found by the fuzzer.
GRADC_GRAD_WRT(y)
double under_else(double x, double y) {
  x *= y;
  if (std::sin(x) != 1.0) {
  } else if (0.9 > y) {
  } else {
    for (int i = 1; i <= 1; i++) x = std::tanh(x);
  }
  return 1.0 + 0.25 * x;
}

// An integer parameter the reverse sweep does not read, but the work-buffer
// size check passes on: it keeps its name (was `int /*n*/`, which did not
// compile). Found by the fuzzer.
GRADC_GRAD
double unused_int(int n, double x, int len) {
  for (int i = 0; i < len; ++i) x = 0.5 * std::sin(x);
  return x + 0.25 * n;
}

// CHECK-LABEL: inline double under_else_grad(double x, double y, double* d_y) {
// CHECK-NEXT: // line 13: x *= y
// CHECK-NEXT: double x_old = x;
// CHECK-NEXT: x = x * y;
// CHECK-NEXT: // line 14: if (std::sin(x) != 1.0)
// CHECK-NEXT: bool cond0 = std::sin(x) != 1.0;
// CHECK-NEXT: double t_kept[1] = {};
// CHECK-NEXT: bool cond1 = false;
// CHECK-NEXT: if (!cond0) {
// CHECK-NEXT: // line 15: if (0.9 > y)
// CHECK-NEXT: cond1 = 0.9 > y;
// CHECK-NEXT: if (!cond1) {
// CHECK-NEXT: // line 17: for (int i = 1; i <= 1; i++)
// CHECK-NEXT: for (int i = 1; i < 2; ++i) {
// CHECK-NEXT: // line 17: x = std::tanh(x)
// CHECK-NEXT: double t0 = std::tanh(x);
// CHECK-NEXT: t_kept[i - 1] = t0;
// CHECK-NEXT: x = t0;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // line 19: return 1.0 + 0.25 * x
// CHECK-NEXT: double under_else = 1.0 + 0.25 * x;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 19: return 1.0 + 0.25 * x
// CHECK-NEXT: double d_x = 0.25;
// CHECK-NEXT: // line 14: if (std::sin(x) != 1.0)
// CHECK-NEXT: if (!cond0) {
// CHECK-NEXT: // line 15: if (0.9 > y)
// CHECK-NEXT: if (!cond1) {
// CHECK-NEXT: // line 17: for (int i = 1; i <= 1; i++)
// CHECK-NEXT: for (int i = 1; i >= 1; --i) {
// CHECK-NEXT: // line 17: x = std::tanh(x)
// CHECK-NEXT: d_x = d_x * (1.0 - t_kept[i - 1] * t_kept[i - 1]);
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // line 13: x *= y
// CHECK-NEXT: x = x_old;
// CHECK-NEXT: *d_y += d_x * x;
// CHECK-NEXT: return under_else;
// CHECK-NEXT: }
// CHECK-LABEL: inline std::size_t unused_int_grad_work_bytes(int /*n*/, int len) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>(len > 0 ? len : 0);
// CHECK-NEXT: }
// CHECK-LABEL: inline double unused_int_grad(int n, double x, int len, double* d_x, void* work, std::size_t work_bytes) {
// CHECK-NEXT: // the reverse sweep's storage, in the caller's buffer
// CHECK-NEXT: if (work_bytes < unused_int_grad_work_bytes(n, len) || reinterpret_cast<std::uintptr_t>(work) % alignof(double) != 0) return std::numeric_limits<double>::quiet_NaN();
// CHECK-NEXT: unsigned char* next = static_cast<unsigned char*>(work);
// CHECK-NEXT: double* x_tape = reinterpret_cast<double*>(next);
// CHECK-NEXT: // line 27: for (int i = 0; i < len; ++i)
// CHECK-NEXT: for (int i = 0; i < len; ++i) {
// CHECK-NEXT: x_tape[i] = x;
// CHECK-NEXT: // line 27: x = 0.5 * std::sin(x)
// CHECK-NEXT: x = 0.5 * std::sin(x);
// CHECK-NEXT: }
// CHECK-NEXT: // line 28: return x + 0.25 * n
// CHECK-NEXT: double unused_int = x + 0.25 * n;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 28: return x + 0.25 * n
// CHECK-NEXT: double d_x_1 = 1.0;
// CHECK-NEXT: // line 27: for (int i = 0; i < len; ++i)
// CHECK-NEXT: for (int i = len - 1; i >= 0; --i) {
// CHECK-NEXT: x = x_tape[i];
// CHECK-NEXT: // line 27: x = 0.5 * std::sin(x)
// CHECK-NEXT: d_x_1 = d_x_1 * 0.5 * std::cos(x);
// CHECK-NEXT: }
// CHECK-NEXT: *d_x += d_x_1;
// CHECK-NEXT: return unused_int;
// CHECK-NEXT: }
