// A residual block and its squared-error loss, written as plain loops and
// marked for gradc. gradc reads this file and writes into model.grad.hpp
//   residual_block::block_pullback  the vector-Jacobian product of the block
//                                   (seed dy in, dW1 dW2 dx accumulated), and
//   residual_block::loss_grad       the loss and its gradient w.r.t. W1 W2 x.
// handwritten.hpp has the textbook backward pass to compare against.
#include "model.hpp"

#include <gradc/gradc.h>

namespace residual_block {

// y = W2 h + x with h = relu(W1 x). A function writing its result through a
// non-const pointer gets a pullback: the adjoint of y is the seed.
GRADC_GRAD
void block(const double* W1, const double* W2, const double* x, double* y) {
  double h[H];
  for (int i = 0; i < H; ++i) {
    double z = 0.0;
    for (int j = 0; j < D; ++j) z += W1[i * D + j] * x[j];
    h[i] = z > 0.0 ? z : 0.0;  // relu
  }
  for (int k = 0; k < D; ++k) {
    double yk = x[k];  // the skip connection
    for (int i = 0; i < H; ++i) yk += W2[k * H + i] * h[i];
    y[k] = yk;
  }
}

// The same block followed by 1/2 |y - t|^2 (gradc does not yet pass arrays
// from one marked function to another, so the block is written out again).
// t is data, not a parameter: differentiate w.r.t. W1, W2 and x only.
GRADC_GRAD_WRT(W1, W2, x)
double loss(const double* W1, const double* W2, const double* x, const double* t) {
  double h[H];
  for (int i = 0; i < H; ++i) {
    double z = 0.0;
    for (int j = 0; j < D; ++j) z += W1[i * D + j] * x[j];
    h[i] = z > 0.0 ? z : 0.0;  // relu
  }
  double sq = 0.0;
  for (int k = 0; k < D; ++k) {
    double yk = x[k];
    for (int i = 0; i < H; ++i) yk += W2[k * H + i] * h[i];
    const double r = yk - t[k];  // residual of the fit
    sq += r * r;
  }
  return 0.5 * sq;
}

}  // namespace residual_block
