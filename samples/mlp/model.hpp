// A two-layer sigmoid MLP, 784-128-10, in float: the loss that model.cpp marks
// for gradc, and the sizes shared by the test, the trainer and the benchmark.
// gradc generates mlp::loss_grad / mlp::loss_pullback into model.grad.hpp.
#ifndef GRADC_SAMPLES_MLP_MODEL_HPP
#define GRADC_SAMPLES_MLP_MODEL_HPP

namespace mlp {

constexpr int D = 784;  // inputs (a 28x28 image)
constexpr int H = 128;  // hidden units
constexpr int K = 10;   // outputs (classes)

// Flat, row-major parameter arrays: W1[j*D + i] connects input i to hidden
// unit j, W2[k*H + j] hidden unit j to output k.
constexpr int kW1 = H * D;
constexpr int kB1 = H;
constexpr int kW2 = K * H;
constexpr int kB2 = K;

// L = 1/2 |sigmoid(W2 sigmoid(W1 x + b1) + b2) - t|^2 for one example x with
// target t (one-hot in training).
float loss(const float* W1, const float* b1, const float* W2, const float* b2, const float* x,
           const float* t);

}  // namespace mlp

#endif  // GRADC_SAMPLES_MLP_MODEL_HPP
