#pragma once
// Functions taking arrays and integers, with user rules gradc calls by name
// (for array_rules.cpp and the golden and diagnostic tests).
#include <gradc/gradc.h>

#include <cmath>

namespace losses {

// -log softmax(z)[label], with the largest logit subtracted so exp never overflows.
inline double softmax_xent(const double* z, int label, int n) {
  double m = z[0];
  for (int i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(z[i] - m);
  return m + std::log(sum) - z[label];
}

// Counts the pullback's calls, and scales what it adds: the tests check that
// the generated code calls this pullback, not a derivative of the body.
inline int& xent_pullback_calls() {
  static int calls = 0;
  return calls;
}
inline double& xent_pullback_scale() {
  static double scale = 1.0;
  return scale;
}

// d/dz_i = softmax(z)_i - [i == label]. Declared here, defined below: the
// generated code needs the declaration only.
GRADC_PULLBACK_OF(softmax_xent)
void softmax_xent_pullback(const double* z, int label, int n, double d_ret, double* d_z);

inline void softmax_xent_pullback(const double* z, int label, int n, double d_ret, double* d_z) {
  ++xent_pullback_calls();
  double m = z[0];
  for (int i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(z[i] - m);
  double g = d_ret * xent_pullback_scale();
  for (int i = 0; i < n; ++i) d_z[i] += g * (std::exp(z[i] - m) / sum - (i == label ? 1.0 : 0.0));
}

// x^k by repeated multiplication: an integer parameter, so its rule is called too.
inline double powi(double x, int k) {
  double p = 1.0;
  for (int i = 0; i < k; ++i) p *= x;
  return p;
}

GRADC_PULLBACK_OF(powi)
inline void powi_pullback(double x, int k, double d_ret, double* d_x) {
  if (k > 0) *d_x += d_ret * k * powi(x, k - 1);
}

// Cross entropy against soft targets: both arrays get adjoints.
inline double soft_xent(const double* z, const double* target, int n) {
  double m = z[0];
  for (int i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(z[i] - m);
  double lse = m + std::log(sum), loss = 0.0;
  for (int i = 0; i < n; ++i) loss += target[i] * (lse - z[i]);
  return loss;
}

GRADC_PULLBACK_OF(soft_xent)
inline void soft_xent_pullback(const double* z, const double* target, int n, double d_ret, double* d_z,
                               double* d_target) {
  double m = z[0];
  for (int i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
  double sum = 0.0, total = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(z[i] - m);
  for (int i = 0; i < n; ++i) total += target[i];
  double lse = m + std::log(sum);
  for (int i = 0; i < n; ++i) {
    d_z[i] += d_ret * (total * std::exp(z[i] - m) / sum - target[i]);
    d_target[i] += d_ret * (lse - z[i]);
  }
}

}  // namespace losses

// A struct parameter whose member array goes to a rule.
struct Head {
  double W[3];
  double bias[3];
};
