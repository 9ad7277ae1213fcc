// An ODE integrated with classic fourth-order Runge-Kutta (GradBench "ode"):
// n states, y(0) = 0,  y0' = x0,  yi' = xi * y(i-1)  (i > 0), s fixed steps
// over [0, 2]; the objective is the last state at t = 2. Gradient w.r.t. x.
// Written as users write RK4: a derivative helper and four stage arrays of a
// fixed maximum size.
#include <gradc/gradc.h>

namespace adb_ode {

constexpr int kMaxN = 1024;

inline void ode_fun(int n, const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < n; ++i) ydot[i] = x[i] * y[i - 1];
}

GRADC_GRAD_WRT(x)
double ode_objective(const double* x, int n, int s) {
  const double tf = 2.0;
  const double h = tf / s;
  double y[kMaxN], k1[kMaxN], k2[kMaxN], k3[kMaxN], k4[kMaxN], tmp[kMaxN];
  for (int i = 0; i < n; ++i) y[i] = 0.0;
  for (int step = 0; step < s; ++step) {
    ode_fun(n, x, y, k1);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    ode_fun(n, x, tmp, k2);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    ode_fun(n, x, tmp, k3);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + h * k3[i];
    ode_fun(n, x, tmp, k4);
    for (int i = 0; i < n; ++i) y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  return y[n - 1];
}

}  // namespace adb_ode
