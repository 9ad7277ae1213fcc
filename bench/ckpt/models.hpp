// The checkpointing benchmark's models (models.cpp).
#ifndef GRADC_BENCH_CKPT_MODELS_HPP
#define GRADC_BENCH_CKPT_MODELS_HPP

#include <gradc/gradc.h>

namespace ckpt {

constexpr int kStates = 16;  // the ODE's state: y[16]
constexpr int kUnits = 8;    // the RNN's hidden state: h[8]
// Bytes of one slot (the state and its int step number) and of one
// iteration's tapes, which the budget holds beside the slots.
constexpr long kOdeSlot = kStates * 8 + 4;
constexpr long kOdeIteration = 4 * kStates * 8;
constexpr long kRnnSlot = kUnits * 8 + 8 + 4;  // h, the running loss, the step
constexpr long kRnnIteration = kUnits * kUnits * 8 + kUnits * 8;  // z per (i, j), h per i

double ode(const double* x, int s);
double rnn(const double* W, const double* xs, int steps);

}  // namespace ckpt

#endif
