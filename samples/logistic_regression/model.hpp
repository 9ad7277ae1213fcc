// L2-regularized logistic regression over a data set whose size is known only
// at run time. gradc generates the gradient w.r.t. the weights
// (logistic_regression::loss_grad / loss_pullback) into model.grad.hpp from
// model.cpp.
#ifndef GRADC_SAMPLES_LOGISTIC_REGRESSION_MODEL_HPP
#define GRADC_SAMPLES_LOGISTIC_REGRESSION_MODEL_HPP

namespace logistic_regression {

// sum_i log(1 + exp(-y_i w.x_i)) + lambda |w|^2 over m samples of d
// features: X is m x d, row-major (X[i*d + j]); labels y_i are -1 or +1;
// w has d entries.
double loss(const double* w, const double* X, const double* y, int m, int d, double lambda);

}  // namespace logistic_regression

#endif  // GRADC_SAMPLES_LOGISTIC_REGRESSION_MODEL_HPP
