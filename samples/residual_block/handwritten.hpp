// The textbook backward pass of a residual block y = W2 h + x, h = relu(z),
// z = W1 x, as in samples/seeds' worked example of a two-layer network plus
// the skip connection, which adds the upstream gradient to dx unchanged:
//   dW2 = dy h^T,  dh = W2^T dy,  dz = dh * [z > 0],  dW1 = dz x^T,
//   dx = W1^T dz + dy.
// For the squared-error loss 1/2 |y - t|^2 the upstream gradient is dy = y - t.
//
// Same calling conventions as the generated functions: primal arguments, then
// adjoints, which ACCUMULATE (the caller zeroes them).
#ifndef GRADC_SAMPLES_RESIDUAL_BLOCK_HANDWRITTEN_HPP
#define GRADC_SAMPLES_RESIDUAL_BLOCK_HANDWRITTEN_HPP

#include "model.hpp"

namespace residual_block_hand {

using residual_block::D;
using residual_block::H;

// Given dy, accumulates dW1, dW2 and dx. z and h come from the forward pass.
inline void backward(const double* W1, const double* W2, const double* x, const double* z,
                     const double* h, const double* dy, double* d_W1, double* d_W2,
                     double* d_x) {
  double dh[H] = {};
  for (int k = 0; k < D; ++k) {
    for (int i = 0; i < H; ++i) {
      d_W2[k * H + i] += dy[k] * h[i];      // dW2 = dy h^T
      dh[i] += W2[k * H + i] * dy[k];       // dh = W2^T dy
    }
    d_x[k] += dy[k];                        // the skip connection
  }
  for (int i = 0; i < H; ++i) {
    const double dz = z[i] > 0.0 ? dh[i] : 0.0;  // through relu
    for (int j = 0; j < D; ++j) {
      d_W1[i * D + j] += dz * x[j];         // dW1 = dz x^T
      d_x[j] += W1[i * D + j] * dz;         // dx += W1^T dz
    }
  }
}

// Forward pass keeping z = W1 x and h = relu(z) for the backward pass.
inline void forward(const double* W1, const double* W2, const double* x, double* z, double* h,
                    double* y) {
  for (int i = 0; i < H; ++i) {
    double zi = 0.0;
    for (int j = 0; j < D; ++j) zi += W1[i * D + j] * x[j];
    z[i] = zi;
    h[i] = zi > 0.0 ? zi : 0.0;
  }
  for (int k = 0; k < D; ++k) {
    double yk = x[k];
    for (int i = 0; i < H; ++i) yk += W2[k * H + i] * h[i];
    y[k] = yk;
  }
}

// The loss 1/2 |y - t|^2 and its gradient w.r.t. W1, W2 and x.
inline double loss_grad(const double* W1, const double* W2, const double* x, const double* t,
                        double* d_W1, double* d_W2, double* d_x) {
  double z[H], h[H], y[D], dy[D];
  forward(W1, W2, x, z, h, y);
  double sq = 0.0;
  for (int k = 0; k < D; ++k) {
    const double r = y[k] - t[k];
    sq += r * r;
    dy[k] = r;  // d(1/2 r^2)/dr
  }
  backward(W1, W2, x, z, h, dy, d_W1, d_W2, d_x);
  return 0.5 * sq;
}

// The block's vector-Jacobian product: given the seed dy, accumulates
// dW1 = dz x^T, dW2 = dy h^T, dx = W1^T dz + dy.
inline void block_pullback(const double* W1, const double* W2, const double* x, const double* dy,
                           double* d_W1, double* d_W2, double* d_x) {
  double z[H], h[H], y[D];
  forward(W1, W2, x, z, h, y);
  backward(W1, W2, x, z, h, dy, d_W1, d_W2, d_x);
}

}  // namespace residual_block_hand

#endif  // GRADC_SAMPLES_RESIDUAL_BLOCK_HANDWRITTEN_HPP
