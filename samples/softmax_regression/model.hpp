// Multinomial logistic (softmax) regression: the negative log-likelihood of
// one labelled example under a linear classifier with K classes and D
// features. gradc generates the gradient (softmax_regression::loss_grad,
// loss_pullback) into model.grad.hpp from model.cpp.
#ifndef GRADC_SAMPLES_SOFTMAX_REGRESSION_MODEL_HPP
#define GRADC_SAMPLES_SOFTMAX_REGRESSION_MODEL_HPP

namespace softmax_regression {

constexpr int K = 10;  // classes
constexpr int D = 64;  // features

// -log softmax(W x + b)_y. W is K x D, row-major (W[k*D + j]); b has K
// entries, x has D; 0 <= y < K is the label.
double loss(const double* W, const double* b, const double* x, int y);

}  // namespace softmax_regression

#endif  // GRADC_SAMPLES_SOFTMAX_REGRESSION_MODEL_HPP
