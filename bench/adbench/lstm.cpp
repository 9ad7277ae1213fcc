// The ADBench LSTM objective (Srajer, Schkufza, Fitzgibbon 2018, "LSTM"):
// l layers of an LSTM with diagonal (element-wise) weights, hidden size b,
// run over a sequence of c one-hot-ish vectors; the loss is the mean
// cross-entropy of each next symbol under the log-softmax of the prediction.
//   main_params[l * 8b]: per layer, 4b weights (forget, input, output, change
//                        gates) then 4b biases
//   extra_params[3b]:    input weights, output weights, output biases
//   state[l * 2b]:       per layer, hidden then cell (initial values)
//   sequence[c * b]
// Gradient w.r.t. main_params and extra_params, as in ADBench.
//
// How it differs from ADBench's reference code, because gradc rejected that
// form when this file was written (rejected/lstm_natural_rejected.cpp; the
// strided loops and the moving pointer are accepted since, docs/adbench.md
// says what is still rejected):
// the cell is written out in the layer loop (not a helper with bound hsize),
// the loops step by one (not t += b), the state is copied into a local array
// (not updated in the caller's), each layer's input is copied (not a moving
// pointer xp), and the loss is returned (not written through a pointer).
#include <gradc/gradc.h>

#include <cmath>

namespace adb_lstm {

constexpr int kMaxB = 32;
constexpr int kMaxL = 4;

inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

GRADC_GRAD_WRT(main_params, extra_params)
double lstm_objective(int l, int c, int b, const double* main_params, const double* extra_params,
                      const double* state, const double* sequence) {
  double hidden[kMaxL][kMaxB], cell[kMaxL][kMaxB];
  for (int layer = 0; layer < l; ++layer)
    for (int i = 0; i < b; ++i) {
      hidden[layer][i] = state[layer * 2 * b + i];
      cell[layer][i] = state[layer * 2 * b + b + i];
    }
  double total = 0.0;
  int count = 0;
  for (int t = 0; t < c - 1; ++t) {
    // predict: input weights, the layers, output weights and biases
    double xp[kMaxB];
    for (int i = 0; i < b; ++i) xp[i] = sequence[t * b + i] * extra_params[i];
    for (int layer = 0; layer < l; ++layer) {
      // one LSTM cell, hidden and cell updated in place. (ADBench's helper
      // lstm_model(hsize, ...) is written out here: gradc rejects the in-place
      // update when the loop bound is the helper's parameter hsize.)
      const double* weight = &main_params[layer * 8 * b];
      const double* bias = &main_params[layer * 8 * b + 4 * b];
      for (int i = 0; i < b; ++i) {
        const double forget = sigmoid(xp[i] * weight[i] + bias[i]);
        const double ingate = sigmoid(hidden[layer][i] * weight[b + i] + bias[b + i]);
        const double outgate = sigmoid(xp[i] * weight[2 * b + i] + bias[2 * b + i]);
        const double change = std::tanh(hidden[layer][i] * weight[3 * b + i] + bias[3 * b + i]);
        cell[layer][i] = cell[layer][i] * forget + ingate * change;
        hidden[layer][i] = outgate * std::tanh(cell[layer][i]);
      }
      for (int i = 0; i < b; ++i) xp[i] = hidden[layer][i];
    }
    double ypred[kMaxB];
    for (int i = 0; i < b; ++i) ypred[i] = xp[i] * extra_params[b + i] + extra_params[2 * b + i];
    // log-softmax against the next symbol
    double mx = ypred[0];
    for (int i = 1; i < b; ++i)
      if (ypred[i] > mx) mx = ypred[i];
    double sum = 0.0;
    for (int i = 0; i < b; ++i) sum += std::exp(ypred[i] - mx);
    const double lse = std::log(sum) + mx;
    for (int i = 0; i < b; ++i) total += sequence[(t + 1) * b + i] * (ypred[i] - lse);
    count += b;
  }
  return -total / count;
}

}  // namespace adb_lstm
