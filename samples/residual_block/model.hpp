// A residual block, y = W2 relu(W1 x) + x, as in ResNet (He et al., 2016),
// with a squared-error loss. gradc generates the gradients (residual_block::
// loss_grad / loss_pullback and block_pullback) into model.grad.hpp from
// model.cpp.
#ifndef GRADC_SAMPLES_RESIDUAL_BLOCK_MODEL_HPP
#define GRADC_SAMPLES_RESIDUAL_BLOCK_MODEL_HPP

namespace residual_block {

constexpr int D = 32;  // input and output width
constexpr int H = 64;  // hidden width

// y = W2 relu(W1 x) + x. W1 is H x D and W2 is D x H, both row-major
// (W1[i*D + j], W2[k*H + i]); x and y have D entries.
void block(const double* W1, const double* W2, const double* x, double* y);

// 1/2 |block(W1, W2, x) - t|^2 for a target t with D entries.
double loss(const double* W1, const double* W2, const double* x, const double* t);

}  // namespace residual_block

#endif  // GRADC_SAMPLES_RESIDUAL_BLOCK_MODEL_HPP
