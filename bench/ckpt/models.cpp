// Models with array state for the checkpointing benchmark (bench.cpp):
// RK4 on a 16-state chain (GradBench's ode with n fixed) and an 8-unit RNN
// over a long sequence, each unbudgeted and under budgets of 4..64 slots.
#include "models.hpp"

#include <cmath>

namespace ckpt {

inline void chain(const double* x, const double* y, double* ydot) {
  ydot[0] = x[0];
  for (int i = 1; i < kStates; ++i) ydot[i] = x[i] * y[i - 1];
}

inline double integrate(const double* x, int s) {
  const double h = 2.0 / s;
  double y[kStates] = {};
  for (int step = 0; step < s; ++step) {
    double k1[kStates], k2[kStates], k3[kStates], k4[kStates], tmp[kStates];
    chain(x, y, k1);
    for (int i = 0; i < kStates; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    chain(x, tmp, k2);
    for (int i = 0; i < kStates; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    chain(x, tmp, k3);
    for (int i = 0; i < kStates; ++i) tmp[i] = y[i] + h * k3[i];
    chain(x, tmp, k4);
    for (int i = 0; i < kStates; ++i) y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  return y[kStates - 1];
}

inline double recur(const double* W, const double* xs, int steps) {
  double h[kUnits] = {};
  double loss = 0.0;
  for (int t = 0; t < steps; ++t) {
    double a[kUnits];
    for (int i = 0; i < kUnits; ++i) {
      double z = W[kUnits * kUnits + i] * xs[t];
      for (int j = 0; j < kUnits; ++j) z += W[i * kUnits + j] * h[j];
      a[i] = std::tanh(z);
    }
    for (int i = 0; i < kUnits; ++i) h[i] = a[i];
    loss += h[0] * h[0];
  }
  return loss;
}

// Budgets: c slots of the state and its step number, beside one
// iteration's tapes (kOdeIteration, kRnnIteration bytes, from the headers).
#define CKPT_ODE(name, slots)                               \
  GRADC_GRAD_WRT(x)                                         \
  double name(const double* x, int s) {                     \
    GRADC_STORAGE_BUDGET(slots * kOdeSlot + kOdeIteration); \
    return integrate(x, s);                                 \
  }
#define CKPT_RNN(name, slots)                                  \
  GRADC_GRAD_WRT(W)                                            \
  double name(const double* W, const double* xs, int steps) {  \
    GRADC_STORAGE_BUDGET(slots * kRnnSlot + kRnnIteration);    \
    return recur(W, xs, steps);                                \
  }

double ode(const double* x, int s) { return integrate(x, s); }
GRADC_GRAD_WRT(x)
double ode_full(const double* x, int s) { return integrate(x, s); }
CKPT_ODE(ode4, 4)
CKPT_ODE(ode8, 8)
CKPT_ODE(ode16, 16)
CKPT_ODE(ode32, 32)
CKPT_ODE(ode64, 64)

double rnn(const double* W, const double* xs, int steps) { return recur(W, xs, steps); }
GRADC_GRAD_WRT(W)
double rnn_full(const double* W, const double* xs, int steps) { return recur(W, xs, steps); }
CKPT_RNN(rnn4, 4)
CKPT_RNN(rnn8, 8)
CKPT_RNN(rnn16, 16)
CKPT_RNN(rnn32, 32)
CKPT_RNN(rnn64, 64)

}  // namespace ckpt
