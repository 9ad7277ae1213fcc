// A logistic-regression loss on one example, and its gradient, which gradc
// generates from model.cpp into model.grad.hpp at build time.
#ifndef CONSUMER_MODEL_HPP
#define CONSUMER_MODEL_HPP

#include <consumer/config.hpp>

namespace consumer {

// log(1 + exp(-y * (w0*x0 + w1*x1 + b) / T)) + weight decay on w0, w1;
// the label y is +1 or -1.
double logistic_loss(double w0, double w1, double b, double x0, double x1, double y);

}  // namespace consumer

#endif  // CONSUMER_MODEL_HPP
