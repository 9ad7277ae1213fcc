/* For the C tests' check mains: gradients against central differences, in C99. */
#ifndef C99_CHECK_H
#define C99_CHECK_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>

/* The function's value at the current parameters (ctx: what it reads). */
typedef double (*c99_value)(void* ctx);

static inline double c99_relative(double grad, double fd) {
  double e = fabs(grad - fd) / fmax(1.0, fabs(fd));
  return isnan(e) ? HUGE_VAL : e;
}

/* The largest relative error of grad[0..n) against central differences of f
   over p[0..n), a double array f reads; step 1e-6 relative. */
static inline double c99_error_d(double* p, const double* grad, size_t n, c99_value f, void* ctx) {
  double worst = 0.0;
  for (size_t k = 0; k < n; ++k) {
    const double keep = p[k], h = 1e-6 * fmax(1.0, fabs(keep));
    double up, down;
    p[k] = keep + h;
    up = f(ctx);
    p[k] = keep - h;
    down = f(ctx);
    p[k] = keep;
    worst = fmax(worst, c99_relative(grad[k], (up - down) / (2.0 * h)));
  }
  return worst;
}

/* The same over a float array: step 1e-2 relative (float rounding would
   swamp a smaller one). */
static inline double c99_error_f(float* p, const float* grad, size_t n, c99_value f, void* ctx) {
  double worst = 0.0;
  for (size_t k = 0; k < n; ++k) {
    const float keep = p[k];
    const float h = 1e-2f * (fabsf(keep) > 1.0f ? fabsf(keep) : 1.0f);
    const float hi = keep + h, lo = keep - h;
    double up, down;
    p[k] = hi;
    up = f(ctx);
    p[k] = lo;
    down = f(ctx);
    p[k] = keep;
    worst = fmax(worst, c99_relative((double)grad[k], (up - down) / ((double)hi - (double)lo)));
  }
  return worst;
}

/* Prints one comparison; nonzero when beyond tolerance. */
static inline int c99_report(const char* what, double err, double tolerance) {
  printf("%-14s largest relative error vs central differences: %.2e\n", what, err);
  return err < tolerance ? 0 : 1;
}

#endif
