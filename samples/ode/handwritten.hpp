// The adjoint of model.cpp's lorenz_loss, written by hand: a forward pass that
// stores the trajectory in a caller buffer, then the backward recurrence
//
//   s_{t+1} = s_t + dt f(s_t, p)          (explicit Euler)
//   a_T     = dL/ds_T = s_T - target
//   a_t     = a_{t+1} + dt J_s(s_t)^T a_{t+1}
//   dL/dp  += dt J_p(s_t)^T a_{t+1}        for t = T-1 .. 0
//   dL/ds_0 = a_0
//
// with f = (sigma (y - x), x (rho - z) - y, x y - beta z). Same convention as
// the generated ode::lorenz_loss_grad: returns the loss and ACCUMULATES into
// the adjoints; `traj` holds lorenz_loss_traj_doubles(steps) doubles.
#ifndef GRADC_SAMPLES_ODE_HANDWRITTEN_HPP
#define GRADC_SAMPLES_ODE_HANDWRITTEN_HPP

#include <cstddef>

namespace ode_hand {

// Doubles of trajectory storage lorenz_loss_grad needs: the state before each step.
inline std::size_t lorenz_loss_traj_doubles(int steps) {
  return 3 * static_cast<std::size_t>(steps > 0 ? steps : 0);
}

inline double lorenz_loss_grad(double sigma, double rho, double beta, double x0, double y0,
                               double z0, double dt, int steps, const double* target,
                               double* d_sigma, double* d_rho, double* d_beta, double* d_x0,
                               double* d_y0, double* d_z0, double* traj) {
  // forward: traj[3t .. 3t+2] = s_t
  double x = x0, y = y0, z = z0;
  for (int t = 0; t < steps; ++t) {
    traj[3 * t] = x;
    traj[3 * t + 1] = y;
    traj[3 * t + 2] = z;
    const double fx = sigma * (y - x);
    const double fy = x * (rho - z) - y;
    const double fz = x * y - beta * z;
    x += dt * fx;
    y += dt * fy;
    z += dt * fz;
  }
  const double ex = x - target[0], ey = y - target[1], ez = z - target[2];
  const double loss = 0.5 * (ex * ex + ey * ey + ez * ez);

  // backward: (ax, ay, az) = dL/ds_{t+1} on entry to step t, dL/ds_t on exit
  double ax = ex, ay = ey, az = ez;
  double gs = 0, gr = 0, gb = 0;
  for (int t = steps - 1; t >= 0; --t) {
    const double sx = traj[3 * t], sy = traj[3 * t + 1], sz = traj[3 * t + 2];
    // dt * adjoint of f(s_t)
    const double bx = dt * ax, by = dt * ay, bz = dt * az;
    // J_p^T b: df/dsigma = (y - x, 0, 0), df/drho = (0, x, 0), df/dbeta = (0, 0, -z)
    gs += bx * (sy - sx);
    gr += by * sx;
    gb -= bz * sz;
    // a += J_s^T b, J_s = [[-sigma, sigma, 0], [rho - z, -1, -x], [y, x, -beta]]
    const double nx = ax - sigma * bx + (rho - sz) * by + sy * bz;
    const double ny = ay + sigma * bx - by + sx * bz;
    const double nz = az - sx * by - beta * bz;
    ax = nx;
    ay = ny;
    az = nz;
  }
  *d_sigma += gs;
  *d_rho += gr;
  *d_beta += gb;
  *d_x0 += ax;
  *d_y0 += ay;
  *d_z0 += az;
  return loss;
}

}  // namespace ode_hand

#endif  // GRADC_SAMPLES_ODE_HANDWRITTEN_HPP
