// A C input under a storage budget: the checkpointed loop's C99 output
// includes gradc/revolve.h (C99, freestanding) and matches central
// differences and the unbudgeted gradient bit for bit, within its budget.
// RUN: %gradc %s -o %t.h -- %cflags
// RUN: %c99-run-check %s %t.h -I%S
// RUN: %FileCheck %s < %t.h
#include <gradc/gradc.h>

// CHECK: #include <gradc/revolve.h>
static double euler(double x0, double y0, double z0, double sigma, double rho, double beta, int steps) {
  double x = x0, y = y0, z = z0;
  for (int k = 0; k < steps; ++k) {
    double dx = sigma * (y - x), dy = x * (rho - z) - y, dz = x * y - beta * z;
    x = x + 0.001 * dx;
    y = y + 0.001 * dy;
    z = z + 0.001 * dz;
  }
  return x + 0.5 * y + 0.25 * z;
}

// CHECK: checkpointed: 3 slots of 28 bytes in 100 bytes
GRADC_GRAD
double lorenz(double x0, double y0, double z0, double sigma, double rho, double beta, int steps) {
  GRADC_STORAGE_BUDGET(100);
  return euler(x0, y0, z0, sigma, rho, beta, steps);
}

GRADC_GRAD
double lorenz_full(double x0, double y0, double z0, double sigma, double rho, double beta, int steps) {
  return euler(x0, y0, z0, sigma, rho, beta, steps);
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/c99_check.h"
#include <string.h>

static double p[6];
static int n;
static double at(void* ctx) {
  (void)ctx;
  return lorenz(p[0], p[1], p[2], p[3], p[4], p[5], n);
}

int main(void) {
  static const int counts[] = {0, 1, 2, 5, 17, 300};
  static double work[4096];
  int failed = 0;
  for (int c = 0; c < 6; ++c) {
    double g[6] = {0}, full[6] = {0};
    const double p0[6] = {1.0, 1.5, 20.0, 10.0, 28.0, 8.0 / 3.0};
    memcpy(p, p0, sizeof p);
    n = counts[c];
    if (lorenz_grad_work_bytes(n) > 100) {
      printf("FAIL: %d steps: %u bytes, over the budget\n", n, (unsigned)lorenz_grad_work_bytes(n));
      failed = 1;
    }
    lorenz_grad(p[0], p[1], p[2], p[3], p[4], p[5], n, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5], work,
                lorenz_grad_work_bytes(n));
    lorenz_full_grad(p[0], p[1], p[2], p[3], p[4], p[5], n, &full[0], &full[1], &full[2], &full[3], &full[4], &full[5],
                     work, sizeof work);
    if (memcmp(g, full, sizeof g) != 0) {
      printf("FAIL: %d steps: the checkpointed gradient differs from the unbudgeted one\n", n);
      failed = 1;
    }
    failed |= c99_report("lorenz", c99_error_d(p, g, 6, at, NULL), 1e-6);
  }
  return failed;
}
#endif
