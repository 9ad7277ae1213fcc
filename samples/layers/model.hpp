// A small classifier written the way people write models: a parameter struct
// per layer, layer functions over them, and a loss over the whole network.
// 16 inputs, 32 tanh hidden units, 4 classes, float. model.cpp marks the loss
// for gradc, which generates layers::loss_grad / layers::loss_pullback (the
// adjoint of a Net is a Net) into model.grad.hpp.
#ifndef GRADC_SAMPLES_LAYERS_MODEL_HPP
#define GRADC_SAMPLES_LAYERS_MODEL_HPP

namespace layers {

constexpr int D = 16;  // inputs
constexpr int H = 32;  // hidden units
constexpr int K = 4;   // classes

// A fully connected layer: W[o][i] connects input i to output o.
template <int In, int Out>
struct Dense {
  float W[Out][In];
  float b[Out];
};

// D -> H (tanh) -> K (logits). 676 parameters.
struct Net {
  Dense<D, H> l1;
  Dense<H, K> l2;
};

// -log softmax(W2 tanh(W1 x + b1) + b2)[label] for one example x (D floats)
// of class label (0 <= label < K).
float loss(const Net& net, const float* x, int label);

}  // namespace layers

#endif  // GRADC_SAMPLES_LAYERS_MODEL_HPP
