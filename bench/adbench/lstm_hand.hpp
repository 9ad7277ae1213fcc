// Hand-written backpropagation through time for adb_lstm::lstm_objective
// (w.r.t. main_params and extra_params). The forward sweep keeps, per time
// step and layer, the cell's input, previous hidden and cell, its four gates
// and tanh of the new cell: 8 b doubles, in the caller's buffer `tape`
// ((c - 1) l 8 b doubles; lstm_tape_doubles). The reverse sweep walks time
// backwards carrying d hidden and d cell per layer:
//   dh = d(hidden out);  d o = dh th;  dc = dc_carry + dh o (1 - th^2)
//   d f = dc c_prev,  d i = dc g,  d g = dc i,  d c_prev = dc f
//   pre-activation adjoints through sigmoid' = s (1 - s), tanh' = 1 - g^2.
#pragma once
#include <cmath>

namespace adb_lstm_hand {

constexpr int kMaxB = 32;
constexpr int kMaxL = 4;

inline long lstm_tape_doubles(int l, int c, int b) { return static_cast<long>(c - 1) * l * 8 * b; }

inline double sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }

inline double lstm_objective_grad(int l, int c, int b, const double* main_params, const double* extra_params,
                                  const double* state, const double* sequence, double* d_main, double* d_extra,
                                  double* tape) {
  double hidden[kMaxL][kMaxB], cell[kMaxL][kMaxB];
  for (int L = 0; L < l; ++L)
    for (int i = 0; i < b; ++i) {
      hidden[L][i] = state[L * 2 * b + i];
      cell[L][i] = state[L * 2 * b + b + i];
    }
  const double* w_in = extra_params;
  const double* w_out = extra_params + b;
  const double* b_out = extra_params + 2 * b;
  double total = 0.0;
  for (int t = 0; t < c - 1; ++t) {
    double xp[kMaxB];
    for (int i = 0; i < b; ++i) xp[i] = sequence[t * b + i] * w_in[i];
    for (int L = 0; L < l; ++L) {
      const double* W = main_params + L * 8 * b;
      const double* B = W + 4 * b;
      double* k = tape + (static_cast<long>(t) * l + L) * 8 * b;  // in, h, c, f, i, o, g, th
      for (int i = 0; i < b; ++i) {
        const double in = xp[i], h = hidden[L][i], cp = cell[L][i];
        const double f = sig(in * W[i] + B[i]);
        const double ig = sig(h * W[b + i] + B[b + i]);
        const double o = sig(in * W[2 * b + i] + B[2 * b + i]);
        const double g = std::tanh(h * W[3 * b + i] + B[3 * b + i]);
        const double cn = cp * f + ig * g;
        const double th = std::tanh(cn);
        k[i] = in; k[b + i] = h; k[2 * b + i] = cp; k[3 * b + i] = f;
        k[4 * b + i] = ig; k[5 * b + i] = o; k[6 * b + i] = g; k[7 * b + i] = th;
        cell[L][i] = cn;
        hidden[L][i] = o * th;
        xp[i] = o * th;
      }
    }
    double mx = -HUGE_VAL, y[kMaxB];
    for (int i = 0; i < b; ++i) {
      y[i] = xp[i] * w_out[i] + b_out[i];
      mx = y[i] > mx ? y[i] : mx;
    }
    double sum = 0.0;
    for (int i = 0; i < b; ++i) sum += std::exp(y[i] - mx);
    const double lse = std::log(sum) + mx;
    for (int i = 0; i < b; ++i) total += sequence[(t + 1) * b + i] * (y[i] - lse);
  }
  const int count = (c - 1) * b;
  const double loss = -total / count;

  // reverse sweep
  const double d_total = -1.0 / count;
  double dh_carry[kMaxL][kMaxB], dc_carry[kMaxL][kMaxB];
  for (int L = 0; L < l; ++L)
    for (int i = 0; i < b; ++i) dh_carry[L][i] = dc_carry[L][i] = 0.0;
  for (int t = c - 2; t >= 0; --t) {
    const double* top = tape + (static_cast<long>(t) * l + (l - 1)) * 8 * b;
    const double* gold = sequence + (t + 1) * b;
    double y[kMaxB], mx = -HUGE_VAL, gsum = 0.0;
    for (int i = 0; i < b; ++i) {
      y[i] = top[5 * b + i] * top[7 * b + i] * w_out[i] + b_out[i];
      mx = y[i] > mx ? y[i] : mx;
      gsum += gold[i];
    }
    double sum = 0.0;
    for (int i = 0; i < b; ++i) sum += std::exp(y[i] - mx);
    const double lse = std::log(sum) + mx;
    double dx[kMaxB];  // adjoint of the top layer's hidden output
    for (int i = 0; i < b; ++i) {
      // total += gold_i (y_i - lse):  d y_i = d_total (gold_i - softmax_i sum(gold))
      const double dy = d_total * (gold[i] - std::exp(y[i] - lse) * gsum);
      d_extra[b + i] += dy * top[5 * b + i] * top[7 * b + i];
      d_extra[2 * b + i] += dy;
      dx[i] = dy * w_out[i];
    }
    for (int L = l - 1; L >= 0; --L) {
      const double* W = main_params + L * 8 * b;
      double* dW = d_main + L * 8 * b;
      double* dB = dW + 4 * b;
      const double* k = tape + (static_cast<long>(t) * l + L) * 8 * b;
      for (int i = 0; i < b; ++i) {
        const double in = k[i], h = k[b + i], cp = k[2 * b + i], f = k[3 * b + i];
        const double ig = k[4 * b + i], o = k[5 * b + i], g = k[6 * b + i], th = k[7 * b + i];
        const double dh = dx[i] + dh_carry[L][i];
        const double d_o = dh * th;
        const double dc = dc_carry[L][i] + dh * o * (1.0 - th * th);
        const double zf = dc * cp * f * (1.0 - f);
        const double zi = dc * g * ig * (1.0 - ig);
        const double zo = d_o * o * (1.0 - o);
        const double zg = dc * ig * (1.0 - g * g);
        dW[i] += zf * in;            dB[i] += zf;
        dW[b + i] += zi * h;         dB[b + i] += zi;
        dW[2 * b + i] += zo * in;    dB[2 * b + i] += zo;
        dW[3 * b + i] += zg * h;     dB[3 * b + i] += zg;
        dc_carry[L][i] = dc * f;
        dh_carry[L][i] = zi * W[b + i] + zg * W[3 * b + i];
        dx[i] = zf * W[i] + zo * W[2 * b + i];  // to the layer below, or the input weights
      }
    }
    for (int i = 0; i < b; ++i) d_extra[i] += dx[i] * sequence[t * b + i];
  }
  return loss;
}

}  // namespace adb_lstm_hand
