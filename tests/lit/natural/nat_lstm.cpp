// An LSTM's next-symbol loss as a user writes it (the ADBench "LSTM"
// objective of Srajer, Schkufza & Fitzgibbon 2018, from its definition): l
// layers of cells with diagonal weights, hidden size b, over c one-hot-ish
// vectors; all parameters in flat arrays read through views
// (`const T* weight = main_params + ...`), the cell a helper updating hidden
// and cell in place, the gates in one scratch array with pointer views, a
// pointer to each layer's input that moves to the layer's output
// (`const T* xp = x; ... xp = hidden;`: an offset and a selector in the
// generated code, checked below). Written as its users write it, unchanged.
//   main_params[l * 8b]: per layer 4b weights (forget, input, output, change), then 4b biases
//   extra_params[3b]:    input weights, output weights, output biases
//   state[l * 2b]:       per layer hidden then cell (initial values)
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
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
    // CHECK-LABEL: lstm_objective_grad(
    // CHECK: xp_at = layer * 2 * b;
    // CHECK-NEXT: xp_in = 1;
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
    lstm_predict(l, b, main_params, extra_params, state, input, ypred);
    const T lse = logsumexp(ypred, b);
    for (int i = 0; i < b; ++i) total += ygold[i] * (ypred[i] - lse);
    count += b;
  }
  return -total / count;
}

template double lstm_objective<double>(int, int, int, const double*, const double*, const double*, const double*);

}  // namespace lstm

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../../../bench/adbench/lstm_hand.hpp"
#include "../../../samples/ode/alloc_counter.hpp"
#include "../numeric/Inputs/central_difference.hpp"

#include <cstdio>
#include <vector>

int main() {
  int bad = 0;
  const int shapes[][3] = {{1, 3, 4}, {2, 6, 5}};
  for (const auto& s : shapes) {
    const int l = s[0], c = s[1], b = s[2];
    std::vector<double> main_params(l * 8 * b), extra(3 * b), state(l * 2 * b), seq(c * b);
    for (std::size_t q = 0; q < main_params.size(); ++q) main_params[q] = 0.4 * std::sin(0.7 * q + 0.1);
    for (std::size_t q = 0; q < extra.size(); ++q) extra[q] = 0.5 * std::cos(1.3 * q);
    for (std::size_t q = 0; q < state.size(); ++q) state[q] = 0.3 * std::sin(2.1 * q);
    for (std::size_t q = 0; q < seq.size(); ++q) seq[q] = 0.5 + 0.5 * std::sin(0.9 * q);
    std::vector<double> d_main(main_params.size(), 0.0), d_extra(extra.size(), 0.0);
    std::vector<double> h_main(main_params.size(), 0.0), h_extra(extra.size(), 0.0);
    std::vector<double> tape(adb_lstm_hand::lstm_tape_doubles(l, c, b));
    // (the state carried from step to step is kept per step: a work buffer)
    const std::size_t bytes = lstm::lstm_objective_grad_work_bytes<double>(l, c, b);
    std::vector<double> work(bytes / sizeof(double) + 1);
    const long before = ode_alloc::Count();
    const double value = lstm::lstm_objective_grad(l, c, b, main_params.data(), extra.data(), state.data(),
                                                   seq.data(), d_main.data(), d_extra.data(), work.data(), bytes);
    const long allocations = ode_alloc::Count() - before;
    const double hand = adb_lstm_hand::lstm_objective_grad(l, c, b, main_params.data(), extra.data(), state.data(),
                                                           seq.data(), h_main.data(), h_extra.data(), tape.data());
    auto f = [&] {
      return lstm::lstm_objective(l, c, b, main_params.data(), extra.data(), state.data(), seq.data());
    };
    const double vs_fd = std::fmax(worstRelativeError(main_params, d_main, f), worstRelativeError(extra, d_extra, f));
    double vs_hand = 0.0;
    auto cmp = [&](const std::vector<double>& a, const std::vector<double>& h) {
      for (std::size_t q = 0; q < a.size(); ++q)
        vs_hand = std::fmax(vs_hand, std::fabs(a[q] - h[q]) / std::fmax(1.0, std::fabs(h[q])));
    };
    cmp(d_main, h_main);
    cmp(d_extra, h_extra);
    std::printf("lstm l %d c %d b %d: value %.9f (hand %.9f), vs hand-written %.1e, vs central differences %.1e, "
                "%ld allocations\n", l, c, b, value, hand, vs_hand, vs_fd, allocations);
    bad |= !(std::fabs(value - f()) <= 1e-13) || !(vs_hand < 1e-12) || !(vs_fd < 1e-7) || allocations != 0;
  }
  return bad;
}
#endif
