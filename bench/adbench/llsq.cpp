// Linear least squares (GradBench "llsq"): n sample points t_i evenly spaced
// in [-1, 1], a polynomial with m coefficients x fitted to sign(t):
//   f(x) = 1/2 sum_i (sign(t_i) - sum_j x_j t_i^j)^2,   t_i = -1 + 2 i / (n - 1)
#include <gradc/gradc.h>

#include <cmath>

namespace adb_llsq {

inline double t_of(int i, int n) { return -1.0 + 2.0 * i / (n - 1); }

inline double sign_of(double t) { return t > 0.0 ? 1.0 : (t < 0.0 ? -1.0 : 0.0); }

GRADC_GRAD_WRT(x)
double llsq_objective(const double* x, int m, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = t_of(i, n);
    double model = 0.0;
    double tj = 1.0;
    for (int j = 0; j < m; ++j) {
      model += x[j] * tj;
      tj *= t;
    }
    const double r = sign_of(t) - model;
    sum += r * r;
  }
  return 0.5 * sum;
}

}  // namespace adb_llsq
