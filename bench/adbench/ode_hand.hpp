// Hand-written gradient of adb_ode::ode_objective (RK4 on y0' = x0,
// yi' = xi y(i-1)). The forward sweep keeps the state at the start of every
// step (s n doubles, in the caller's buffer `ys`, like gradc's work buffer);
// the reverse sweep recomputes that step's stages and pulls the adjoint back
// through them:  d k1 = d k4 = h/6 a,  d k2 = d k3 = h/3 a,
//   k = F(t):  d x_i += d k_i t_(i-1),  d t_(i-1) += d k_i x_i,  d x_0 += d k_0
//   t4 = y + h k3,  t3 = y + h/2 k2,  t2 = y + h/2 k1.
#pragma once

namespace adb_ode_hand {

constexpr int kMaxN = 1024;

inline void F(int n, const double* x, const double* v, double* out) {
  out[0] = x[0];
  for (int i = 1; i < n; ++i) out[i] = x[i] * v[i - 1];
}

// adds the pullback of F at v with seed dk into d_x and d_v
inline void F_pullback(int n, const double* x, const double* v, const double* dk, double* d_x, double* d_v) {
  d_x[0] += dk[0];
  for (int i = 1; i < n; ++i) {
    d_x[i] += dk[i] * v[i - 1];
    d_v[i - 1] += dk[i] * x[i];
  }
}

inline double ode_objective_grad(const double* x, int n, int s, double* d_x, double* ys /* s * n */) {
  const double h = 2.0 / s;
  double y[kMaxN], k1[kMaxN], k2[kMaxN], k3[kMaxN], k4[kMaxN], t2[kMaxN], t3[kMaxN], t4[kMaxN];
  for (int i = 0; i < n; ++i) y[i] = 0.0;
  for (int step = 0; step < s; ++step) {
    double* keep = ys + step * n;
    for (int i = 0; i < n; ++i) keep[i] = y[i];
    F(n, x, y, k1);
    for (int i = 0; i < n; ++i) t2[i] = y[i] + 0.5 * h * k1[i];
    F(n, x, t2, k2);
    for (int i = 0; i < n; ++i) t3[i] = y[i] + 0.5 * h * k2[i];
    F(n, x, t3, k3);
    for (int i = 0; i < n; ++i) t4[i] = y[i] + h * k3[i];
    F(n, x, t4, k4);
    for (int i = 0; i < n; ++i) y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  const double result = y[n - 1];

  double a[kMaxN], ay[kMaxN], dk[kMaxN], dt[kMaxN];  // a: adjoint of the step's end state
  for (int i = 0; i < n; ++i) a[i] = 0.0;
  a[n - 1] = 1.0;
  for (int step = s - 1; step >= 0; --step) {
    const double* y0 = ys + step * n;
    F(n, x, y0, k1);
    for (int i = 0; i < n; ++i) t2[i] = y0[i] + 0.5 * h * k1[i];
    F(n, x, t2, k2);
    for (int i = 0; i < n; ++i) t3[i] = y0[i] + 0.5 * h * k2[i];
    F(n, x, t3, k3);
    for (int i = 0; i < n; ++i) t4[i] = y0[i] + h * k3[i];
    // k4 = F(t4)
    for (int i = 0; i < n; ++i) { ay[i] = a[i]; dk[i] = h / 6.0 * a[i]; dt[i] = 0.0; }
    F_pullback(n, x, t4, dk, d_x, dt);
    // t4 = y + h k3; k3 = F(t3)
    for (int i = 0; i < n; ++i) { ay[i] += dt[i]; dk[i] = h / 3.0 * a[i] + h * dt[i]; dt[i] = 0.0; }
    F_pullback(n, x, t3, dk, d_x, dt);
    // t3 = y + h/2 k2; k2 = F(t2)
    for (int i = 0; i < n; ++i) { ay[i] += dt[i]; dk[i] = h / 3.0 * a[i] + 0.5 * h * dt[i]; dt[i] = 0.0; }
    F_pullback(n, x, t2, dk, d_x, dt);
    // t2 = y + h/2 k1; k1 = F(y)
    for (int i = 0; i < n; ++i) { ay[i] += dt[i]; dk[i] = h / 6.0 * a[i] + 0.5 * h * dt[i]; }
    F_pullback(n, x, y0, dk, d_x, ay);
    for (int i = 0; i < n; ++i) a[i] = ay[i];
  }
  return result;
}

}  // namespace adb_ode_hand
