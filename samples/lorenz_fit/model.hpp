// Fitting the Lorenz system to an observed trajectory: the loss of an RK4
// simulation against observations, differentiated w.r.t. the parameters
// (sigma, rho, beta) under a storage budget of 16 KiB. gradc generates lorenz_fit::trajectory_loss_grad,
// lorenz_fit::trajectory_loss_pullback and
// lorenz_fit::trajectory_loss_grad_work_bytes into model.grad.hpp from model.cpp.
#ifndef GRADC_SAMPLES_LORENZ_FIT_MODEL_HPP
#define GRADC_SAMPLES_LORENZ_FIT_MODEL_HPP

namespace lorenz_fit {

// The budget (bytes) of the gradient's storage, given to gradc by
// GRADC_STORAGE_BUDGET in model.cpp: the work buffer never needs more.
constexpr int kBudgetBytes = 16384;

// Integrates dx/dt = sigma (y - x), dy/dt = x (rho - z) - y, dz/dt = x y - beta z
// from (x0, y0, z0) with `steps` classic Runge-Kutta steps of size dt, and
// returns the sum over the observation steps k = every, 2 every, ... <= steps
// of |s_k - observed[3 (k / every - 1) ..]|^2.
double trajectory_loss(double sigma, double rho, double beta, double x0, double y0, double z0, double dt,
                       int steps, int every, const double* observed);

}  // namespace lorenz_fit

#endif  // GRADC_SAMPLES_LORENZ_FIT_MODEL_HPP
