// The Lorenz fit's gradient WITHOUT a storage budget (model.cpp built with
// LORENZ_FIT_UNBUDGETED, full.cpp): what the budgeted gradient is compared
// with, bit for bit, and timed against. It keeps every step's state.
#ifndef GRADC_SAMPLES_LORENZ_FIT_FULL_HPP
#define GRADC_SAMPLES_LORENZ_FIT_FULL_HPP

#include <cstddef>

namespace lorenz_fit_full {

// lorenz_fit_full::trajectory_loss_grad_work_bytes and _grad, out of line.
std::size_t GradWorkBytes(int steps, int every);
double Grad(double sigma, double rho, double beta, double x0, double y0, double z0, double dt, int steps, int every,
            const double* observed, double* d_sigma, double* d_rho, double* d_beta, void* work, std::size_t bytes);

}  // namespace lorenz_fit_full

#endif  // GRADC_SAMPLES_LORENZ_FIT_FULL_HPP
