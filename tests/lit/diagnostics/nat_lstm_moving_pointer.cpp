// An LSTM's next-symbol loss as a user writes it (the ADBench "LSTM"
// objective of Srajer, Schkufza & Fitzgibbon 2018, from its definition): l
// layers of cells with diagonal weights, hidden size b, over c one-hot-ish
// vectors; all parameters in flat arrays read through views
// (`const T* weight = main_params + ...`), the cell a helper updating hidden
// and cell in place, the gates in one scratch array with pointer views, a
// pointer to each layer's input that moves to the layer's output.
//   main_params[l * 8b]: per layer 4b weights (forget, input, output, change), then 4b biases
//   extra_params[3b]:    input weights, output weights, output biases
//   state[l * 2b]:       per layer hidden then cell (initial values)
// The natural form's one rejection: the pointer to each layer's input moves
// to the layer's output (`xp = hidden;`). tests/lit/natural/nat_lstm.cpp is
// the same model with that one line written as a copy, and goes through.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cmath>

namespace lstm {

constexpr int MAX_B = 32;
constexpr int MAX_L = 4;

template <typename T>
T sigmoid(T x) {
  return T(1) / (T(1) + std::exp(-x));
}

template <typename T>
T logsumexp(const T* v, int n) {
  T mx = v[0];
  for (int i = 1; i < n; ++i)
    if (v[i] > mx) mx = v[i];
  T sum = 0;
  for (int i = 0; i < n; ++i) sum += std::exp(v[i] - mx);
  return std::log(sum) + mx;
}

// One cell: hidden and cell are updated in place.
template <typename T>
void lstm_model(int hsize, const T* weight, const T* bias, T* hidden, T* cell, const T* input) {
  T gates[4 * MAX_B];
  T* forget = gates;
  T* ingate = gates + hsize;
  T* outgate = gates + 2 * hsize;
  T* change = gates + 3 * hsize;
  for (int i = 0; i < hsize; ++i) {
    forget[i] = sigmoid(input[i] * weight[i] + bias[i]);
    ingate[i] = sigmoid(hidden[i] * weight[hsize + i] + bias[hsize + i]);
    outgate[i] = sigmoid(input[i] * weight[2 * hsize + i] + bias[2 * hsize + i]);
    change[i] = std::tanh(hidden[i] * weight[3 * hsize + i] + bias[3 * hsize + i]);
  }
  for (int i = 0; i < hsize; ++i) cell[i] = cell[i] * forget[i] + ingate[i] * change[i];
  for (int i = 0; i < hsize; ++i) hidden[i] = outgate[i] * std::tanh(cell[i]);
}

// The prediction for one input: input weights, the layers, output weights and biases.
template <typename T>
void lstm_predict(int l, int b, const T* main_params, const T* extra_params, T* state, const T* input, T* ypred) {
  const T* w_in = extra_params;
  const T* w_out = extra_params + b;
  const T* b_out = extra_params + 2 * b;
  T x[MAX_B];
  for (int i = 0; i < b; ++i) x[i] = input[i] * w_in[i];
  const T* xp = x;
  for (int layer = 0; layer < l; ++layer) {
    const T* weight = main_params + layer * 8 * b;
    const T* bias = weight + 4 * b;
    T* hidden = state + layer * 2 * b;
    T* cell = hidden + b;
    lstm_model(b, weight, bias, hidden, cell, xp);
    // CHECK: nat_lstm_moving_pointer.cpp:[[@LINE+1]]:5: error: moving the pointer 'xp' (a pointer into an array stays where it is declared: index from it instead, 'xp[k + i]', or declare another, 'const double* q = xp + k;') is not supported in a differentiated function yet
    xp = hidden;
  }
  for (int i = 0; i < b; ++i) ypred[i] = xp[i] * w_out[i] + b_out[i];
}

template <typename T>
GRADC_GRAD_WRT(main_params, extra_params)
T lstm_objective(int l, int c, int b, const T* main_params, const T* extra_params, const T* state0,
                 const T* sequence) {
  T state[2 * MAX_L * MAX_B];
  for (int i = 0; i < 2 * l * b; ++i) state[i] = state0[i];
  T total = 0;
  int count = 0;
  T ypred[MAX_B];
  for (int t = 0; t < c - 1; ++t) {
    const T* input = sequence + t * b;
    const T* ygold = sequence + (t + 1) * b;
    // CHECK: nat_lstm_moving_pointer.cpp:[[@LINE+1]]:5: note: in 'lstm_predict', called from 'lstm_objective' at nat_lstm_moving_pointer.cpp:[[@LINE+1]]:5
    lstm_predict(l, b, main_params, extra_params, state, input, ypred);
    const T lse = logsumexp(ypred, b);
    for (int i = 0; i < b; ++i) total += ygold[i] * (ypred[i] - lse);
    count += b;
  }
  return -total / count;
}

template double lstm_objective<double>(int, int, int, const double*, const double*, const double*, const double*);

}  // namespace lstm

