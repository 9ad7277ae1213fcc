// Enzyme-style (enzyme/test/Integration/ReverseMode: customglob.cpp,
// global_shadow*.c, inactiveglob.cpp, customlog1p.c, mycos.c,
// customcombined.c, recurse.c, fixed_point*.c, newton_inversion.c,
// fwdsolve.c, frexp.c, invsqrt.c, cmplx.cpp, dbginfo.c, logger.cpp,
// inactivefn.c, map.cpp, integrateexp.cpp, virtualshadow.cpp,
// inactive_template.cpp): globals, custom derivatives, recursion, iterations
// to convergence, bit-level math, logging, C++ library types.
#include <gradc/gradc.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

// @@ 1.5
const double kRate = 0.25;
GRADC_GRAD
double const_global(double x) { return kRate * x * x + kRate; }

// @@ 1.5
double g_scale = 2.0;
GRADC_GRAD
double inactive_global_read(double x) { return g_scale * x; }

// @@ 1.5
double g_accum = 0;
GRADC_GRAD
double global_written_in_callee(double x) {
  g_accum = x * x;
  return g_accum + x;
}

// @@ [0.5, 1.5, 2.5]; 3
const double kWeights[3] = {0.5, -1.0, 2.0};
GRADC_GRAD_WRT(x)
double const_global_table(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += kWeights[i] * x[i] * x[i];
  return s;
}

// @@ 0.4
double my_log1p(double x) { return std::log(1 + x); }
GRADC_PULLBACK_OF(my_log1p)
void my_log1p_pullback(double x, double d_y, double* d_x) { *d_x += d_y / (1 + x); }
GRADC_GRAD
double custom_log1p(double x) { return my_log1p(x * x) * x; }

// @@ 0.7
double my_cos(double x) {
  double s = 1, term = 1;
  for (int k = 1; k < 12; ++k) {
    term *= -x * x / ((2 * k - 1) * (2 * k));
    s += term;
  }
  return s;
}
GRADC_GRAD
double series_cos(double x) { return my_cos(x) * x; }

// @@ 0.6
double my_sin(double x) { return std::sin(x); }
GRADC_PULLBACK_OF(my_sin)
void my_sin_pullback(double x, double d_y, double* d_x) { *d_x += d_y * std::cos(x); }
GRADC_GRAD
double custom_in_loop(double x) {
  double s = 0;
  for (int i = 1; i <= 3; ++i) s += my_sin(x * i);
  return s;
}

// @@ 1.1; 5
double rec_pow(double x, int n) { return n == 0 ? 1.0 : x * rec_pow(x, n - 1); }
GRADC_GRAD_WRT(x)
double recurse(double x, int n) { return rec_pow(x, n); }

// @@ [0.5, 1.5, 2.5]; 3
double rec_sum(const double* x, int n) { return n == 0 ? 0.0 : x[n - 1] * x[n - 1] + rec_sum(x, n - 1); }
GRADC_GRAD_WRT(x)
double recurse_array(const double* x, int n) { return rec_sum(x, n); }

// @@ 2.0
GRADC_GRAD
double fixed_point_sqrt(double a) {
  double x = a;
  for (int it = 0; it < 20; it++) {
    double nx = 0.5 * (x + a / x);
    if (std::fabs(nx - x) < 1e-14) break;
    x = nx;
  }
  return x;
}

// @@ 0.5
GRADC_GRAD
double newton_inversion(double y) {
  double x = 0;
  while (true) {
    double f = x + 0.5 * std::sin(x) - y;
    if (std::fabs(f) < 1e-13) break;
    x -= f / (1 + 0.5 * std::cos(x));
  }
  return x;
}

// @@ [2.0, 0.0, 0.0, 1.0, 3.0, 0.0, 0.5, 1.0, 4.0]; [1.0, 2.0, 3.0]; [0.0, 0.0, 0.0]; 3
GRADC_GRAD_WRT(L, b, x)
void forward_solve(const double* L, const double* b, double* x, int n) {
  for (int i = 0; i < n; i++) {
    double s = b[i];
    for (int j = 0; j < i; j++) s -= L[i * n + j] * x[j];
    x[i] = s / L[i * n + i];
  }
}

// @@ 3.5
GRADC_GRAD
double frexp_scale(double x) {
  int e;
  double m = std::frexp(x, &e);
  return m * x + e;
}

// @@ 2.5
GRADC_GRAD
float fast_invsqrt(float x) {
  float half = 0.5f * x;
  int32_t i;
  std::memcpy(&i, &x, sizeof(i));
  i = 0x5f3759df - (i >> 1);
  float y;
  std::memcpy(&y, &i, sizeof(y));
  y = y * (1.5f - half * y * y);
  return y;
}

// @@ 0.5; 1.5
GRADC_GRAD
double complex_abs(double re, double im) {
  std::complex<double> z(re, im);
  std::complex<double> w = z * z + z;
  return std::abs(w);
}

// @@ 1.3
GRADC_GRAD
double printf_in_body(double x) {
  double y = x * x;
  printf("y=%f\n", y);
  double z = std::sin(y);
  printf("z=%f\n", z);
  return z;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double printf_in_loop(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    s += x[i] * x[i];
    printf("partial %d: %f\n", i, s);
  }
  return s;
}

// @@ 0.9
int inactive_count(int n) { return n * 2 + 1; }
GRADC_GRAD
double inactive_fn(double x) {
  int k = inactive_count(3);
  return x * k;
}

// @@ 0.9
GRADC_GRAD
double stderr_logger(double x) {
  double r = std::exp(x);
  fprintf(stderr, "logging %g\n", r);
  return r * x;
}

// @@ 0.5; 1.5
GRADC_GRAD
double std_map_local(double x, double y) {
  std::map<int, double> m;
  m[1] = x;
  m[2] = y * x;
  return m[1] * m[2];
}

// @@ 1.2; 10
GRADC_GRAD_WRT(k)
double integrate_vector(double k, int steps) {
  std::vector<double> y(steps + 1);
  y[0] = 1;
  for (int i = 0; i < steps; i++) y[i + 1] = y[i] - 0.1 * k * y[i];
  return y[steps];
}

// @@ 0.8
struct Shape {
  virtual double area(double s) const = 0;
  virtual ~Shape() = default;
};
struct Square : Shape {
  double area(double s) const override { return s * s; }
};
GRADC_GRAD
double virtual_call(double x) {
  Square sq;
  const Shape& s = sq;
  return s.area(x) * x;
}

// @@ 1.4
template <typename T>
T inactive_template_helper(T v, int k) {
  return v * k;
}
GRADC_GRAD
double inactive_template(double x) { return inactive_template_helper(x, 3) * x; }

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double checkpointed_loop(const double* x, int n) {
  double y = 1;
  for (int i = 0; i < n; i++) y = std::sin(y) * x[i] + y;
  return y;
}

// @@ [0.2, 0.4, 0.6, 0.8]; 4; 3
GRADC_GRAD_WRT(x)
double stencil_steps(const double* x, int n, int steps) {
  double u[4], v[4];
  for (int i = 0; i < n; i++) u[i] = x[i];
  for (int t = 0; t < steps; t++) {
    for (int i = 0; i < n; i++) {
      double l = i > 0 ? u[i - 1] : 0;
      double r = i + 1 < n ? u[i + 1] : 0;
      v[i] = 0.25 * l + 0.5 * u[i] + 0.25 * r;
    }
    for (int i = 0; i < n; i++) u[i] = v[i];
  }
  return u[0] * u[n - 1] + u[1];
}
