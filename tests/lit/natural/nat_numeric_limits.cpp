// std::numeric_limits<T> constants in a differentiated function: a running
// maximum from -infinity, a running minimum from max(), an accumulator
// starting at epsilon. The call is a constant (no rule needed): it keeps its
// class's full name in the generated code (it was spelled 'infinity()'), and
// the reverse sweep of an active variable assigned from it adds nothing (it
// crashed on the missing rule).
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

#include <algorithm>
#include <limits>

// CHECK-LABEL: inline double extremes_grad(
// CHECK: double hi = -std::numeric_limits<double>::infinity();
// CHECK: double lo = std::numeric_limits<double>::max();
// CHECK: double acc = std::numeric_limits<double>::epsilon();
GRADC_GRAD
double extremes(const double* x, int n) {
  double hi = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < n; ++i)
    if (x[i] > hi) hi = x[i];
  double lo = std::numeric_limits<double>::max();
  for (int i = 0; i < n; ++i) lo = std::min(lo, x[i]);
  double acc = std::numeric_limits<double>::epsilon();
  for (int i = 0; i < n; ++i) acc += x[i] * x[i];
  return hi * hi + 2.0 * lo + acc;
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "../numeric/Inputs/central_difference.hpp"

int main() {
  std::vector<double> x = {0.3, -1.2, 2.5, 0.7, -0.4}, d_x(5, 0.0);
  const double value = extremes_grad(x.data(), 5, d_x.data());
  // by hand: 2 hi at the max, 2 at the min, 2 x everywhere
  const std::vector<double> hand = {0.6, 2.0 - 2.4, 5.0 + 5.0, 1.4, -0.8};
  double vs_hand = 0.0;
  for (int i = 0; i < 5; ++i) vs_hand = std::fmax(vs_hand, std::fabs(d_x[i] - hand[i]));
  const double vs_fd = worstRelativeError(x, d_x, [&] { return extremes(x.data(), 5); });
  std::printf("value %.6f, vs hand-written %.1e, vs central differences %.1e\n", value, vs_hand, vs_fd);
  return !(value == extremes(x.data(), 5)) || !(vs_hand < 1e-14) || !(vs_fd < 1e-8);
}
#endif
