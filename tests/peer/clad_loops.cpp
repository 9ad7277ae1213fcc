// Clad-style (test/Gradient/Loops.C, CountedReverseLoops.C, EarlyExitPaths.C):
// for, while and do-while loops, break and continue, loops over arrays.
#include <gradc/gradc.h>

#include <cmath>

// @@ 1.3
GRADC_GRAD
double cube_by_loop(double x) {
  double t = 1;
  for (int i = 0; i < 3; i++) t *= x;
  return t;
}

// @@ 1.05
GRADC_GRAD
double nested_power(double x) {
  double t = 1;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 2; j++) t *= x;
  return t;
}

// @@ 1.2
GRADC_GRAD
double return_in_loop(double x) {
  double t = 1;
  for (int i = 0; i < 4; i++) {
    t *= x;
    if (i == 2) return t;
  }
  return t;
}

// @@ 1.1
GRADC_GRAD
double update_in_increment(double x) {
  double t = 1;
  for (int i = 0; i < 3; t *= x) i++;
  return t;
}

// @@ 0.5
GRADC_GRAD
double param_increment_loop(double x) {
  for (int i = 0; i < 5; i++) x++;
  return x * x;
}

// @@ 1.5
GRADC_GRAD
double const_local_in_loop(double x) {
  double res = 0;
  for (int i = 0; i < 4; ++i) {
    const double n = x + i;
    res += x * n;
  }
  return res;
}

// @@ [0.5, 1.5, -0.3, 2.0]; 4
GRADC_GRAD
double array_sum(double* p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  return s;
}

// @@ [0.5, 1.5, -0.3]; 3
GRADC_GRAD
double sum_of_squares(const double* p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i] * p[i];
  return s;
}

// @@ [0.2, 0.4, 0.1]; [0.3, 0.1, 0.5]; 3; 0.8
double sq(double v) { return v * v; }
GRADC_GRAD
double log_gaussian(const double* x, const double* mu, int n, double sigma) {
  double power = 0;
  for (int i = 0; i < n; i++) power += sq(x[i] - mu[i]);
  power = -power / (2 * sq(sigma));
  double g = 1. / std::sqrt(std::pow(2 * M_PI, n) * sigma) * std::exp(power);
  return std::log(g);
}

// @@ 1.4
GRADC_GRAD
double while_counted(double x) {
  double r = 1;
  int i = 0;
  while (i < 4) {
    r *= x;
    i++;
  }
  return r;
}

// @@ 1.4
GRADC_GRAD
double do_while_loop(double x) {
  double r = 0;
  int i = 0;
  do {
    r += x * i;
    i++;
  } while (i < 3);
  return r;
}

// @@ 1.7; 5
GRADC_GRAD
double while_countdown(double x, int n) {
  double r = x;
  while (n > 0) {
    r = r * 0.5 + x;
    n--;
  }
  return r;
}

// @@ 1.3; 6
GRADC_GRAD
double loop_break(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    if (i > 3) break;
    s += x * i;
  }
  return s;
}

// @@ 1.3; 6
GRADC_GRAD
double loop_continue(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    if (i % 2 == 0) continue;
    s += x * x * i;
  }
  return s;
}

// @@ 0.9; 4
GRADC_GRAD
double loop_not_equal(double x, int n) {
  double s = 0;
  for (int i = 0; i != n; ++i) s += std::sin(x * i);
  return s;
}

// @@ 1.2; 10
GRADC_GRAD
double counter_in_body(double x, int n) {
  double s = 1;
  for (int i = 0; i < n;) {
    s *= 1 + x / n;
    i += 2;
  }
  return s;
}

// @@ 0.7; 4
GRADC_GRAD
double two_counters(double x, int n) {
  double s = 0;
  for (int i = 0, j = n; i < n; i++, j--) s += x * i * j;
  return s;
}

// @@ 1.1
GRADC_GRAD
double loop_decrement(double x) {
  double r = 0;
  for (int i = 5; i > 0; i--) r = r * x + i;
  return r;
}

// @@ [1.0, 2.0, 3.0]; 0.5
GRADC_GRAD
double horner(const double* c, double x) {
  double r = 0;
  for (int i = 2; i >= 0; --i) r = r * x + c[i];
  return r;
}

// @@ 0.5; 1.5
GRADC_GRAD
double range_for(double x, double y) {
  double v[3] = {x, y, x * y};
  double s = 0;
  for (double e : v) s += e * e * e;
  return s;
}

// @@ 0.3
GRADC_GRAD
double while_converge(double x) {
  double y = 1;
  while (std::fabs(y * y - x) > 1e-12) y = 0.5 * (y + x / y);
  return y;
}

// @@ 1.5; 3
GRADC_GRAD
double nested_dependent(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++) s += x * (i + 1) / (j + 1);
  return s;
}

// @@ [0.5, -1.5, 2.5, 0.7]; 4
GRADC_GRAD
double loop_with_if(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0)
      s += x[i] * x[i];
    else
      s -= x[i];
  }
  return s;
}

// @@ 0.3; 8
GRADC_GRAD
double running_product(double x, int n) {
  double p = 1, acc = 0;
  for (int i = 1; i <= n; ++i) {
    p *= x / i;
    acc += p;
  }
  return acc;
}

// @@ [0.2, 0.9, 0.4, 0.6]; 4
GRADC_GRAD
double loop_local_reassigned(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double t = x[i];
    t = t * t;
    t = std::exp(t) + s;
    s = 0.5 * t;
  }
  return s;
}

// @@ 2.0; 5
GRADC_GRAD
double for_empty_header(double x, int n) {
  double s = 0;
  int i = 0;
  for (;;) {
    if (i >= n) break;
    s += x / (i + 1);
    ++i;
  }
  return s;
}
