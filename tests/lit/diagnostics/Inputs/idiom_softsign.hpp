#include <cmath>

inline double softsign(double x) {
  double a = std::fabs(x);
  return x / (1.0 + a);
}
