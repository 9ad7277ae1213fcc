// tests/fuzz/FINDINGS.md, nondeterministic (fixed in 619c192): f18 got a wrong gradient, depending on heap layout, while f17 (which is not even marked) was here.
#include <gradc/gradc.h>
#include <cmath>
const double K0 = 0.5;
using real_t = double;
using scalar = double;
void f17() {}
GRADC_GRAD_WRT(x, z, w)
scalar f18(const double* xs, double x, double y, int len, double z, double w) {
  for (int i = 0; i <= 5; i += 1) {
    double t0 = ((w == 1.1 ? z : x)) - std::min(z, xs[5]);
    scalar t1 = std::fmin(y, z + xs[i]);
    x += 0.001 * std::tanh(t0);
    x += 0.001 * std::tanh(t1);
  }
  for (int i = 0; i < 6; ++i) {
    bool b2 = (K0 >= xs[i] || i != 2);
    if (xs[5] > len) {
    }
    if (b2) {
      double t3;
      if (w >= x) {
        t3 = x + xs[i];
      } else {
        t3 = xs[5] + xs[5 - i];
      }
      x = xs[5 - i] - xs[i];
      z -= 0.125 * std::sin(std::tanh(z * x));
      x += 0.001 * std::tanh(t3);
    }
  }
  if (len <= 0) {
    real_t t4 = sinh(K0);
    if (len <= 1) {
      double t5 = x;
      x += 0.25 * t5;
      int k6 = len * -1;
      y -= w / 1.5;
      double t7 = 0.5 / (2.0 + std::fabs(K0));
      x += 0.25 * k6;
      x += 0.25 * t7;
    } else {
      y = y + cosh(0.2);
      z -= (len == 2 ? w : x);
    }
    t4 /= 2.0 + K0 * K0;
  }
  double t8;
  t8 = pow(std::fabs(std::atan(z)), 2);
  auto d_y = std::tanh(tan(1.125 * std::sin(x)));
  return w - erf(z) - d_y + 0.25 * t8;
}
