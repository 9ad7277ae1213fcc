// log-sum-exp of x[0..n), with the maximum subtracted for stability:
//   lse(x) = m + log(sum_i exp(x_i - m)),  m = max_i x_i
// (GradBench's "lse" evaluation; the standard stable form.)
#include <gradc/gradc.h>

#include <cmath>

namespace adb_lse {

GRADC_GRAD
double logsumexp(const double* x, int n) {
  double mx = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > mx) mx = x[i];
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(x[i] - mx);
  return std::log(sum) + mx;
}

}  // namespace adb_lse
