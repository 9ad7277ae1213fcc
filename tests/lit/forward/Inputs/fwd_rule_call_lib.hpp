// A user rule whose body calls the function it is the rule of (fwd_diag_rule_call.cpp).
#include <gradc/gradc.h>
#include <cmath>
inline double lg(double x) { return 1.0 / (1.0 + std::exp(-x)); }
GRADC_PULLBACK_OF(lg)
inline void lg_pb(double x, double d_ret, double* d_x) {
  const double s = lg(x);
  *d_x += d_ret * s * (1.0 - s);
}
