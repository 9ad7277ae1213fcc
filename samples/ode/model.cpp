// Fitting the Lorenz system: the loss of an explicit-Euler trajectory's end
// point, differentiated w.r.t. the parameters (sigma, rho, beta) and the
// initial state (x0, y0, z0).
//
// The step count is a run-time value and the state (x, y, z) is carried from
// one step to the next, so the reverse sweep needs the state of every step.
// gradc keeps it in a caller-provided buffer: model.grad.hpp defines
//   std::size_t lorenz_loss_grad_work_bytes(int steps);
//   double lorenz_loss_grad(sigma, ..., target, d_sigma, ..., d_z0, void* work, std::size_t work_bytes);
// handwritten.hpp is the same adjoint derived by hand.
#include "model.hpp"

#include <gradc/gradc.h>

namespace ode {

GRADC_GRAD_WRT(sigma, rho, beta, x0, y0, z0)
double lorenz_loss(double sigma, double rho, double beta, double x0, double y0, double z0,
                   double dt, int steps, const double* target) {
  double x = x0;
  double y = y0;
  double z = z0;
  for (int t = 0; t < steps; ++t) {
    double dx = sigma * (y - x);
    double dy = x * (rho - z) - y;
    double dz = x * y - beta * z;
    x = x + dt * dx;
    y = y + dt * dy;
    z = z + dt * dz;
  }
  double ex = x - target[0];
  double ey = y - target[1];
  double ez = z - target[2];
  return 0.5 * (ex * ex + ey * ey + ez * ez);
}

}  // namespace ode
