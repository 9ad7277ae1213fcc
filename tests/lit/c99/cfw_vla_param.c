// C in, C99 out: a C99 variable-length array parameter (`const double x[n]`,
// the length named before it) is the pointer it decays to, like
// `const double* x`; its adjoint is `double* restrict d_x`. Against central
// differences with gcc and clang at -std=c99 -pedantic, and for the Cortex-M4F.
// RUN: %gradc %s -o %t.h -- %cflags
// RUN: %FileCheck %s < %t.h
// RUN: %c99-run-check %s %t.h -I%S
// RUN: %arm-c99-check %s %t.h -I%S
#include <gradc/gradc.h>
#include <math.h>

// CHECK: static inline double weighted_grad(int n, const double* x, const double* w, double* restrict d_x)
GRADC_GRAD_WRT(x)
double weighted(int n, const double x[n], const double w[n]) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += w[i] * x[i] * x[i] + sin(x[i]);
  return s;
}

// CHECK: static inline float rms_grad(int n, const float* v, float* restrict d_v)
GRADC_GRAD
float rms(int n, const float v[static 3]) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return sqrtf(s / (float)n);
}

// A 2-D one, `const float m[n][2]`: rows counted at run time, read through
// `m_flat`; the adjoint keeps the rows' shape.
// CHECK: static inline float rows_grad(int n, const float m[][2], float d_m[][2]) {
// CHECK-NEXT: const float* m_flat = &m[0][0];
GRADC_GRAD
float rows(int n, const float m[n][2]) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) s += m[i][0] * sinf(m[i][1]);
  return s;
}

#ifdef GRADC_GRAD_HEADER
#include GRADC_GRAD_HEADER
#endif

#ifdef GRADC_CHECK_MAIN
#include "Inputs/c99_check.h"

static double x[4] = {0.3, -1.1, 0.7, 2.0};
static const double w[4] = {1.0, 0.5, -2.0, 0.25};
static float v[3] = {0.5f, -1.5f, 2.0f};
static float m[3][2] = {{0.5f, -1.5f}, {2.0f, 0.25f}, {-0.75f, 1.0f}};

static double weighted_at(void* ctx) { (void)ctx; return weighted(4, x, w); }
static double rms_at(void* ctx) { (void)ctx; return (double)rms(3, v); }
/* (C before C2X does not convert float (*)[2] to const float (*)[2] by itself) */
#define M_ROWS ((const float(*)[2])m)
static double rows_at(void* ctx) { (void)ctx; return (double)rows(3, M_ROWS); }

int main(void) {
  double dx[4] = {0.0, 0.0, 0.0, 0.0};
  float dv[3] = {0.0f, 0.0f, 0.0f};
  float dm[3][2] = {{0.0f, 0.0f}, {0.0f, 0.0f}, {0.0f, 0.0f}};
  int failed = 0;
  failed |= weighted_grad(4, x, w, dx) != weighted(4, x, w);
  failed |= rms_grad(3, v, dv) != rms(3, v);
  failed |= rows_grad(3, M_ROWS, dm) != rows(3, M_ROWS);
  failed |= c99_report("weighted", c99_error_d(x, dx, 4, weighted_at, NULL), 1e-6);
  failed |= c99_report("rms", c99_error_f(v, dv, 3, rms_at, NULL), 1e-3);
  failed |= c99_report("rows", c99_error_f(&m[0][0], &dm[0][0], 6, rows_at, NULL), 1e-3);
  printf(failed ? "FAILED\n" : "ok\n");
  return failed;
}
#endif
