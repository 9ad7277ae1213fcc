// The Lorenz fit's loss (model.hpp), written the plain way: the state x, y, z
// carried through a loop of RK4 steps, the loss summed at the observation
// steps. Its reverse sweep would keep every step's state (24 bytes a step:
// 48 KB for 2,000 steps); GRADC_STORAGE_BUDGET bounds it instead: gradc keeps
// the state at a few steps and recomputes the others (docs/checkpointing.md).
//
// Built a second time with -DLORENZ_FIT_UNBUDGETED (CMakeLists.txt): the same
// function without a budget, in namespace lorenz_fit_full, for the test that
// the budget changes no bit of the gradient.
#include "model.hpp"

#include <gradc/gradc.h>

#ifdef LORENZ_FIT_UNBUDGETED
namespace lorenz_fit_full {
#else
namespace lorenz_fit {
#endif

GRADC_GRAD_WRT(sigma, rho, beta)
double trajectory_loss(double sigma, double rho, double beta, double x0, double y0, double z0, double dt,
                       int steps, int every, const double* observed) {
#ifndef LORENZ_FIT_UNBUDGETED
  GRADC_STORAGE_BUDGET(lorenz_fit::kBudgetBytes);
#endif
  double x = x0, y = y0, z = z0;
  double loss = 0.0;
  for (int k = 1; k <= steps; ++k) {
    double k1x = sigma * (y - x);
    double k1y = x * (rho - z) - y;
    double k1z = x * y - beta * z;
    double ax = x + 0.5 * dt * k1x, ay = y + 0.5 * dt * k1y, az = z + 0.5 * dt * k1z;
    double k2x = sigma * (ay - ax);
    double k2y = ax * (rho - az) - ay;
    double k2z = ax * ay - beta * az;
    double bx = x + 0.5 * dt * k2x, by = y + 0.5 * dt * k2y, bz = z + 0.5 * dt * k2z;
    double k3x = sigma * (by - bx);
    double k3y = bx * (rho - bz) - by;
    double k3z = bx * by - beta * bz;
    double cx = x + dt * k3x, cy = y + dt * k3y, cz = z + dt * k3z;
    double k4x = sigma * (cy - cx);
    double k4y = cx * (rho - cz) - cy;
    double k4z = cx * cy - beta * cz;
    x = x + dt / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
    y = y + dt / 6.0 * (k1y + 2.0 * k2y + 2.0 * k3y + k4y);
    z = z + dt / 6.0 * (k1z + 2.0 * k2z + 2.0 * k3z + k4z);
    if (k % every == 0) {
      const double* o = observed + 3 * (k / every - 1);
      double ex = x - o[0], ey = y - o[1], ez = z - o[2];
      loss += ex * ex + ey * ey + ez * ez;
    }
  }
  return loss;
}

}  // namespace
