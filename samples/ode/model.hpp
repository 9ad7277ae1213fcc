// The Lorenz system integrated by explicit Euler, and a loss on its final
// state. gradc generates ode::lorenz_loss_grad / ode::lorenz_loss_pullback and
// ode::lorenz_loss_grad_work_bytes into model.grad.hpp from model.cpp.
#ifndef GRADC_SAMPLES_ODE_MODEL_HPP
#define GRADC_SAMPLES_ODE_MODEL_HPP

namespace ode {

// Integrates dx/dt = sigma (y - x), dy/dt = x (rho - z) - y, dz/dt = x y - beta z
// from (x0, y0, z0) with `steps` explicit Euler steps of size dt, and returns
// 0.5 * |s_T - target|^2, where s_T is the final state and target[0..2] a point.
double lorenz_loss(double sigma, double rho, double beta, double x0, double y0, double z0,
                   double dt, int steps, const double* target);

}  // namespace ode

#endif  // GRADC_SAMPLES_ODE_MODEL_HPP
