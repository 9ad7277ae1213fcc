// C in, C99 out: a local array of structs (`struct pt pts[3]`, one local
// array per member), braced and zero initializers, C's struct assignment
// between elements and struct locals, float and double; against central
// differences, built with gcc and clang at -std=c99 -pedantic.
// RUN: %gradc %s -o %t.h -- %cflags
// RUN: %c99-run-check %s %t.h -I%S
#include <gradc/gradc.h>
#include <math.h>

struct pt {
  float x;
  float v[2];
};

struct pd {
  double a, b;
};

GRADC_GRAD
float chain(const float* u) {
  struct pt pts[3] = {{u[0], {u[1], 1.0f}}};
  float s = 0.0f;
  for (int i = 1; i < 3; ++i) {
    pts[i].x = u[i] * pts[i - 1].x;
    pts[i].v[0] = sinf(pts[i].x);
    pts[i].v[1] = pts[i - 1].v[0];
  }
  struct pt last = pts[2];
  pts[0] = last;
  for (int i = 0; i < 3; ++i) s += pts[i].x * pts[i].v[0] + pts[i].v[1];
  return s;
}

GRADC_GRAD
double pairs(const double* u) {
  struct pd q[2] = {{0}};
  for (int k = 0; k < 4; ++k) {
    struct pd t = q[1];
    q[1].a = q[0].a + u[k];
    q[1].b = cos(t.a) * u[k];
    q[0] = t;
  }
  return q[0].a * q[1].b + q[1].a * q[0].b;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/c99_check.h"

static float uf[3] = {0.7f, -0.4f, 1.3f};
static double ud[4] = {0.3, -1.1, 0.8, 0.5};

static double chain_at(void* ctx) { (void)ctx; return (double)chain(uf); }
static double pairs_at(void* ctx) { (void)ctx; return pairs(ud); }

int main(void) {
  int failed = 0;
  float gf[3] = {0.0f, 0.0f, 0.0f};
  double gd[4] = {0.0, 0.0, 0.0, 0.0};
  chain_grad(uf, gf);
  failed |= c99_report("chain", c99_error_f(uf, gf, 3, chain_at, NULL), 1e-3);
  pairs_grad(ud, gd);
  failed |= c99_report("pairs", c99_error_d(ud, gd, 4, pairs_at, NULL), 1e-7);
  return failed;
}
#endif
