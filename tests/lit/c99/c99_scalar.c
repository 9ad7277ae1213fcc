// C in, C99 out: scalar functions of a C source (arithmetic, C's float and
// double math, branches, a static helper, #define and enum constants, loops
// with C99 for-declarations, one of run-time length through the work buffer)
// against central differences, built with gcc and clang at -std=c99 -pedantic.
// RUN: %gradc %s -o %t.h -- %cflags
// RUN: %FileCheck %s < %t.h
// RUN: %c99-run-check %s %t.h -I%S
// RUN: %arm-c99-check %s %t.h -I%S
#include <gradc/gradc.h>
#include <math.h>

#define SCALE 0.5f
enum { STEPS = 3 };

static float square(float v) { return v * v; }

GRADC_GRAD
double arith(double x, double y) {
  double a = x * y + x / (y + 3.0) - 2.0 * x;
  return a * a - y;
}

GRADC_GRAD
float math_f(float x, float y) {
  return expf(SCALE * x) + logf(1.0f + y * y) + sqrtf(square(x) + 1.0f) + tanhf(x - y) +
         powf(y * y + 1.0f, 1.5f) + sinf(x) * cosf(y) + fabsf(x) * fmaxf(x, y);
}

GRADC_GRAD
double branches(double x, double y) {
  double r;
  if (x > y)
    r = x * x;
  else
    r = fabs(y) * x;
  if (x < 0.0) r = -r;
  return r + exp(-x * x) * atan2(y, x);
}

/* C's classification macros (builtins in glibc) read like comparisons; fmod wraps. */
GRADC_GRAD
double classify(double x, double y) {
  if (isnan(x) || !isfinite(y)) return 0.0;
  return (signbit(x) ? -x * y : x * y) + fmod(3.0 * x, 1.0 + y * y) * y;
}

GRADC_GRAD
float fixed_loop(const float* w, float x) {
  float s = x;
  for (int i = 0; i < STEPS; ++i) s = tanhf(w[i] * s + SCALE);
  return s;
}

GRADC_GRAD
float runtime_loop(const float* w, const float* x, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) s = tanhf(s * w[i] + x[i]);
  return s * s;
}

// A stride in a local (`i += step`): its trips are counted at run time and
// taped in the work buffer, whose size then needs no parameter: in C,
// `strided_loop_grad_work_bytes(void)` (fuzz clang seeds 2046, 2052).
// CHECK: static inline size_t strided_loop_grad_work_bytes(void) {
GRADC_GRAD
float strided_loop(const float* w, float x) {
  int step = 2;
  for (int i = 0; i < 5; i += step) x = tanhf(x * w[i] + 0.1f);
  return x;
}

// GRADC_MAX_TRIPS in C: gradc reads it as C11's _Static_assert (kept from
// glibc's pre-C11 macro), a C99 compiler as a statement.
GRADC_GRAD
float halvings(float x) {
  while (x > 1.0f) {
    GRADC_MAX_TRIPS(8);
    x = x * 0.5f + 0.01f * x * x;
  }
  return x * x;
}

// Its pullback reads neither x nor y: C99 needs their names (no comment in
// place of a name), and -Wunused-parameter a use.
GRADC_GRAD
float lin(float x, float y) { return 3.0f * x + y; }

#ifdef GRADC_GRAD_HEADER
#include GRADC_GRAD_HEADER
#endif

#ifdef GRADC_CHECK_MAIN
#include "Inputs/c99_check.h"

static double p2[2];
static float f2[2];
static float w[5] = {0.4f, -0.7f, 1.1f, 0.2f, -0.3f}, xs[5] = {0.3f, 1.2f, -0.5f, 0.8f, -1.4f};

static double arith_at(void* ctx) { (void)ctx; return arith(p2[0], p2[1]); }
static double math_at(void* ctx) { (void)ctx; return (double)math_f(f2[0], f2[1]); }
static double branches_at(void* ctx) { (void)ctx; return branches(p2[0], p2[1]); }
static double classify_at(void* ctx) { (void)ctx; return classify(p2[0], p2[1]); }
static double fixed_at(void* ctx) { return (double)fixed_loop(w, *(float*)ctx); }
static double halvings_at(void* ctx) { return (double)halvings(*(float*)ctx); }
static double runtime_at(void* ctx) { (void)ctx; return (double)runtime_loop(w, xs, 5); }
static double strided_at(void* ctx) { return (double)strided_loop(w, *(float*)ctx); }

int main(void) {
  int failed = 0;
  const double points[3][2] = {{0.7, -0.4}, {-1.3, 0.6}, {0.2, 0.9}};
  for (int k = 0; k < 3; ++k) {
    double g[2] = {0.0, 0.0};
    float gf[2] = {0.0f, 0.0f};
    p2[0] = points[k][0];
    p2[1] = points[k][1];
    f2[0] = (float)points[k][0];
    f2[1] = (float)points[k][1];
    double v = arith_grad(p2[0], p2[1], &g[0], &g[1]);
    failed |= v != arith(p2[0], p2[1]);
    failed |= c99_report("arith", c99_error_d(p2, g, 2, arith_at, NULL), 1e-7);
    g[0] = g[1] = 0.0;
    branches_grad(p2[0], p2[1], &g[0], &g[1]);
    failed |= c99_report("branches", c99_error_d(p2, g, 2, branches_at, NULL), 1e-7);
    g[0] = g[1] = 0.0;
    failed |= classify_grad(p2[0], p2[1], &g[0], &g[1]) != classify(p2[0], p2[1]);
    failed |= c99_report("classify", c99_error_d(p2, g, 2, classify_at, NULL), 1e-7);
    math_f_grad(f2[0], f2[1], &gf[0], &gf[1]);
    failed |= c99_report("math_f", c99_error_f(f2, gf, 2, math_at, NULL), 1e-3);
  }
  {
    float dw[5] = {0}, dx = 0.0f, x = 0.6f;
    fixed_loop_grad(w, x, dw, &dx);
    failed |= c99_report("fixed_loop w", c99_error_f(w, dw, STEPS, fixed_at, &x), 1e-3);
    failed |= c99_report("fixed_loop x", c99_error_f(&x, &dx, 1, fixed_at, &x), 1e-3);
  }
  {
    float dw[5] = {0}, dx[5] = {0};
    double work[16];
    size_t bytes = runtime_loop_grad_work_bytes(5);
    failed |= bytes > sizeof work;
    float v = runtime_loop_grad(w, xs, 5, dw, dx, work, bytes);
    failed |= v != runtime_loop(w, xs, 5);
    failed |= c99_report("runtime_loop w", c99_error_f(w, dw, 5, runtime_at, NULL), 1e-3);
    failed |= c99_report("runtime_loop x", c99_error_f(xs, dx, 5, runtime_at, NULL), 1e-3);
    /* too small a buffer: NaN, no adjoint written */
    float d2[5] = {0}, e2[5] = {0};
    failed |= !isnan(runtime_loop_grad(w, xs, 5, d2, e2, work, bytes - 1)) || d2[0] != 0.0f;
  }
  {
    float x = 0.3f, dw[5] = {0}, dx = 0.0f;
    double work[8];
    size_t bytes = strided_loop_grad_work_bytes();
    failed |= bytes > sizeof work;
    strided_loop_grad(w, x, dw, &dx, work, bytes);
    failed |= c99_report("strided_loop x", c99_error_f(&x, &dx, 1, strided_at, &x), 1e-3);
  }
  {
    float x = 5.0f, dx = 0.0f;
    halvings_grad(x, &dx);
    failed |= c99_report("halvings", c99_error_f(&x, &dx, 1, halvings_at, &x), 1e-3);
  }
  {
    float dx = 0.0f, dy = 0.0f;
    lin_pullback(0.5f, -2.0f, 2.0f, &dx, &dy);
    failed |= c99_report("lin", fabs((double)dx - 6.0) + fabs((double)dy - 2.0), 1e-12);
  }
  printf(failed ? "FAILED\n" : "ok\n");
  return failed;
}
#endif
