// A user rule whose body calls a helper that has no rule (fwd_diag_rule_call.cpp).
#include <gradc/gradc.h>
#include <cmath>
inline double three_sq(double x) { return 3.0 * x * x; }
inline double cube(double x) { return x * x * x; }
GRADC_PULLBACK_OF(cube)
inline void cube_pb(double x, double d_ret, double* d_x) { *d_x += d_ret * three_sq(x); }
