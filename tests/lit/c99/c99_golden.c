// The shape of gradc's C99 output for a C input: static inline functions
// named as the source names them, no namespace, restrict adjoint arrays, a
// struct's adjoint through `struct cell* d_c`, C's float math (expf, tanhf),
// C casts, <math.h>, size_t work buffers with f_grad_work_bytes.
// RUN: %gradc %s -o %t.h -- %cflags
// RUN: %FileCheck %s < %t.h
// RUN: %c99-cc -I%S -DGRADC_GRAD_HEADER=\"%t.h\" -c %s -o %t.o
#include <gradc/gradc.h>
#include <math.h>

// CHECK: C99. Adjoint arrays must not overlap any other argument (they are declared restrict).
// CHECK: #include <math.h>
// CHECK-NEXT: #include <stddef.h>
// CHECK-NEXT: #include <stdint.h>
// CHECK-NEXT: #include <gradc/gradc.h>
// CHECK-NOT: #include <cmath>
// CHECK-NOT: {{^[^/]*std::}}
// CHECK-NOT: static_cast
// CHECK-NOT: namespace
// CHECK-NOT: constexpr

#include "Inputs/c99_structs.h"

#define BIAS 0.25f

// CHECK-LABEL: static inline float cell_out_grad(const struct cell* c, const float* x, struct cell* restrict d_c) {
// CHECK: tanhf(
// CHECK: return cell_out;
GRADC_GRAD_WRT(c)
float cell_out(const struct cell* c, const float* x) {
  float s = BIAS;
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 3; ++i) s += c->gain * c->w[j][i] * x[i];
  return tanhf(s);
}

// x's tape, and the expf results kept beside it (the reverse loop loads them).
// CHECK-LABEL: static inline size_t rollout_grad_work_bytes(int n) {
// CHECK-NEXT: return sizeof(float) * (size_t)(n > 0 ? n : 0) +
// CHECK-NEXT: sizeof(float) * (size_t)(n > 0 ? n : 0);
// CHECK-LABEL: static inline float rollout_grad(const float* u, float x0, int n, float* restrict d_u, float* d_x0, void* work, size_t work_bytes) {
// CHECK: if (work_bytes < rollout_grad_work_bytes(n) || (uintptr_t)work % sizeof(double) != 0) return (float)NAN;
// CHECK: float* {{.*}} = (float*)(void*)next;
// CHECK: expf(
// CHECK: (float)k
GRADC_GRAD
float rollout(const float* u, float x0, int n) {
  float x = x0;
  for (int k = 0; k < n; ++k) x = x * expf(-0.1f * (float)k) + u[k] * x;
  return x * x;
}

#ifdef GRADC_GRAD_HEADER
#include GRADC_GRAD_HEADER
#endif
