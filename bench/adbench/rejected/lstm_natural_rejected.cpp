// The ADBench LSTM objective as its reference C++ reads: the state updated in
// place in the caller's array, a pointer walking the layers' inputs (xp) and
// the sequence (input), the loss written through an output pointer. Kept to
// record gradc's diagnostics; bench/adbench/lstm.cpp is the form it accepts.
#include <gradc/gradc.h>

#include <cmath>

namespace adb_lstm_natural {

constexpr int kMaxB = 32;

inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

inline double logsumexp(const double* v, int n) {
  double mx = v[0];
  for (int i = 1; i < n; ++i)
    if (v[i] > mx) mx = v[i];
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += std::exp(v[i] - mx);
  return std::log(s) + mx;
}

inline void lstm_model(int hsize, const double* weight, const double* bias, double* hidden, double* cell,
                       const double* input) {
  double gates[4 * kMaxB];
  double* forget = &gates[0];
  double* ingate = &gates[hsize];
  double* outgate = &gates[2 * hsize];
  double* change = &gates[3 * hsize];
  for (int i = 0; i < hsize; ++i) {
    forget[i] = sigmoid(input[i] * weight[i] + bias[i]);
    ingate[i] = sigmoid(hidden[i] * weight[hsize + i] + bias[hsize + i]);
    outgate[i] = sigmoid(input[i] * weight[2 * hsize + i] + bias[2 * hsize + i]);
    change[i] = std::tanh(hidden[i] * weight[3 * hsize + i] + bias[3 * hsize + i]);
  }
  for (int i = 0; i < hsize; ++i) cell[i] = cell[i] * forget[i] + ingate[i] * change[i];
  for (int i = 0; i < hsize; ++i) hidden[i] = outgate[i] * std::tanh(cell[i]);
}

inline void lstm_predict(int l, int b, const double* w, const double* w2, double* s, const double* x, double* x2) {
  for (int i = 0; i < b; ++i) x2[i] = x[i] * w2[i];
  const double* xp = x2;
  for (int i = 0; i <= 2 * l * b - 1; i += 2 * b) {
    lstm_model(b, &w[i * 4], &w[(i + b) * 4], &s[i], &s[i + b], xp);
    xp = &s[i];
  }
  for (int i = 0; i < b; ++i) x2[i] = xp[i] * w2[b + i] + w2[2 * b + i];
}

GRADC_GRAD_WRT(main_params, extra_params)
void lstm_objective(int l, int c, int b, const double* main_params, const double* extra_params, double* state,
                    const double* sequence, double* loss) {
  double total = 0.0;
  int count = 0;
  const double* input = &sequence[0];
  double ypred[kMaxB], ynorm[kMaxB];
  for (int t = 0; t <= (c - 1) * b - 1; t += b) {
    lstm_predict(l, b, main_params, extra_params, state, input, ypred);
    const double lse = logsumexp(ypred, b);
    for (int i = 0; i < b; ++i) ynorm[i] = ypred[i] - lse;
    const double* ygold = &sequence[t + b];
    for (int i = 0; i < b; ++i) total += ygold[i] * ynorm[i];
    count += b;
    input = ygold;
  }
  *loss = -total / count;
}

}  // namespace adb_lstm_natural
