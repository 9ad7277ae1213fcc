// Three small float models for a microcontroller, written once and run on the
// host and on a Cortex-M4F. models.cpp marks them for gradc; gradc writes
// their gradients (mlp_loss_grad, ...) into models.grad.hpp. Math goes through
// gradc/portable_math.h, so a build picks libm or bit-portable math
// (-DGRADC_PORTABLE_MATH=1) without touching the models.
#ifndef GRADC_SAMPLES_EMBEDDED_MODELS_HPP
#define GRADC_SAMPLES_EMBEDDED_MODELS_HPP

namespace embedded {

// A 16-8-4 MLP classifier: tanh hidden layer, softmax cross-entropy loss.
constexpr int kIn = 16;
constexpr int kHidden = 8;
constexpr int kClasses = 4;
constexpr int kW1 = kHidden * kIn;  // W1[j*kIn + i]: input i -> hidden j
constexpr int kB1 = kHidden;
constexpr int kW2 = kClasses * kHidden;  // W2[k*kHidden + j]: hidden j -> class k
constexpr int kB2 = kClasses;

// -log softmax(W2 tanh(W1 x + b1) + b2)[label] for one example.
float mlp_loss(const float* W1, const float* b1, const float* W2, const float* b2, const float* x,
               int label);

// L2-regularized logistic regression over a fixed batch of kSamples examples
// of kFeatures features (X row-major, labels y = -1 or +1).
constexpr int kFeatures = 8;
constexpr int kSamples = 32;

// mean_n log(1 + exp(-y_n (w.x_n + b))) + lambda |w|^2
float logreg_loss(const float* w, float b, const float* X, const float* y, float lambda);

// A hanging chain of kPoints point masses in the plane joined by springs:
// elastic energy sum_i k/2 (|p_i+1 - p_i| - rest)^2 plus gravity sum_i g y_i.
constexpr int kPoints = 8;

float chain_energy(const float* px, const float* py, float k, float rest, float g);

}  // namespace embedded

#endif  // GRADC_SAMPLES_EMBEDDED_MODELS_HPP
