// Declarations of the worked examples in model.cpp, so that test, demo and
// benchmark code can call the primal functions. gradc generates the gradients
// (seeds::*_grad, seeds::*_pullback) into model.grad.hpp from model.cpp.
#ifndef GRADC_SAMPLES_SEEDS_MODEL_HPP
#define GRADC_SAMPLES_SEEDS_MODEL_HPP

namespace seeds {

double sigmoid_neuron(double w0, double w1, double w2, double x1, double x2);
double add_mul(double x, double y, double z);
double sigmoid_ratio(double x, double y);
double log_mul_sin(double x1, double x2);

}  // namespace seeds

#endif  // GRADC_SAMPLES_SEEDS_MODEL_HPP
