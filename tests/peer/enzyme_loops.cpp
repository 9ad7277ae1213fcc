// Enzyme-style (enzyme/test/Integration/ReverseMode: loops*.c, sumtil.c,
// taylorlog.c, manydiv.c, manymax.c, vecmax.c, multivecmax*.c, blas-like
// kernels): C-style loops over arrays, results through an output pointer,
// enzyme_const arguments as GRADC_GRAD_WRT.
#include <gradc/gradc.h>

#include <math.h>

// @@ [1.5, 2.5, 0.5, 1.0]; 4
GRADC_GRAD_WRT(x)
double sumsq(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return s;
}

// @@ [0.5, 1.5, 2.5]; 3; 0.0
GRADC_GRAD_WRT(x, ret)
void sum_to_ret(const double* x, int n, double* ret) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i];
  *ret = s * s;
}

// @@ [0.3, 0.7, 1.1, 0.2]; 4
GRADC_GRAD_WRT(x)
double loops_double(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) s += x[i] * x[j] / (1 + i + j);
  return s;
}

// @@ [0.3, 0.7, 1.1, 0.2, 0.9, 1.4, 0.6, 0.8]; 2
GRADC_GRAD_WRT(x)
double loops_triple(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      for (int k = 0; k < n; k++) s += x[(i * n + j) * n + k] * x[(k * n + j) * n + i];
  return s;
}

// @@ [0.5, 1.5, 2.5, 3.5]; 4
GRADC_GRAD_WRT(x)
double sum_until(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    s += x[i];
    if (s > 3) break;
  }
  return s;
}

// @@ 0.5; 10
GRADC_GRAD_WRT(x)
double taylor_log(double x, int terms) {
  double s = 0, p = x;
  for (int k = 1; k <= terms; k++) {
    s += (k % 2 ? 1.0 : -1.0) * p / k;
    p *= x;
  }
  return s;
}

// @@ 2.0
GRADC_GRAD
double many_div(double x) {
  double r = x;
  for (int i = 0; i < 6; i++) r = r / (x + i) + 1;
  return r;
}

// @@ 1.1; 0.7; 2.3
GRADC_GRAD
double many_max(double a, double b, double c) {
  double m1 = fmax(a, b);
  double m2 = fmax(m1 * c, a + b);
  double m3 = fmax(m2, b * c);
  return m3 * m1;
}

// @@ [0.5, 2.5, 1.5, 0.7]; 4
GRADC_GRAD_WRT(x)
double vec_max(const double* x, int n) {
  double m = x[0];
  for (int i = 1; i < n; i++)
    if (x[i] > m) m = x[i];
  return m * m;
}

// @@ [0.5, 2.5, 1.5, 0.7]; 4
GRADC_GRAD_WRT(x)
double vec_max_index(const double* x, int n) {
  int best = 0;
  for (int i = 1; i < n; i++)
    if (x[i] > x[best]) best = i;
  return x[best] * 3;
}

// @@ [0.5, 2.5, 1.5]; [1.0, 0.2, 3.0]; 3
GRADC_GRAD_WRT(a, b)
double multi_vec_max(const double* a, const double* b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += fmax(a[i], b[i]);
  return s;
}

// @@ [0.5, 1.5, 2.5]; [1.0, -0.5, 0.25]; 3
GRADC_GRAD_WRT(x, y)
double dot(const double* x, const double* y, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

// @@ [0.5, 1.5, 2.5, -1.0, 0.3, 0.8]; [1.0, 2.0]; [0.0, 0.0, 0.0]; 3; 2
GRADC_GRAD_WRT(A, x, y)
void gemv(const double* A, const double* x, double* y, int m, int n) {
  for (int i = 0; i < m; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += A[i * n + j] * x[j];
    y[i] = s;
  }
}

// @@ [0.5, 1.5, 2.5, -1.0]; [1.0, 2.0, 0.5, 0.3]; [0.0, 0.0, 0.0, 0.0]; 2
GRADC_GRAD_WRT(A, B, C)
void gemm(const double* A, const double* B, double* C, int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      C[i * n + j] = 0;
      for (int k = 0; k < n; k++) C[i * n + j] += A[i * n + k] * B[k * n + j];
    }
}

// @@ 0.8; [0.5, 1.5, 2.5]; [1.0, -0.5, 0.25]; 3
GRADC_GRAD_WRT(alpha, x, y)
void axpy(double alpha, const double* x, double* y, int n) {
  for (int i = 0; i < n; i++) y[i] += alpha * x[i];
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double l2_norm(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return sqrt(s);
}

// @@ [0.5, 1.5, 2.5, 0.1]; 4
GRADC_GRAD_WRT(x)
double log_sum_exp(const double* x, int n) {
  double m = x[0];
  for (int i = 1; i < n; i++) m = fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < n; i++) s += exp(x[i] - m);
  return m + log(s);
}

// @@ [0.5, 1.5, 2.5]; [0.0, 0.0, 0.0]; 3
GRADC_GRAD_WRT(x, out)
void softmax(const double* x, double* out, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += exp(x[i]);
  for (int i = 0; i < n; i++) out[i] = exp(x[i]) / s;
}

// @@ [0.5, 1.5, 2.5, 0.3]; [0.0, 0.0, 0.0, 0.0]; 4
GRADC_GRAD_WRT(x, out)
void prefix_sum(const double* x, double* out, int n) {
  out[0] = x[0];
  for (int i = 1; i < n; i++) out[i] = out[i - 1] + x[i] * x[i];
}

// @@ 1.3; 12
GRADC_GRAD_WRT(x)
double integrate_exp(double x, int steps) {
  double y = 1, dt = 1.0 / steps;
  for (int i = 0; i < steps; i++) y += dt * x * y;
  return y;
}

// @@ [0.2, 0.5, 0.9]; 3; 0.1
GRADC_GRAD_WRT(y0, k)
double rk2_decay(const double* y0, int n, double k) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double y = y0[i];
    for (int t = 0; t < 5; t++) {
      double k1 = -k * y;
      double k2 = -k * (y + 0.05 * k1);
      y += 0.1 * k2;
    }
    s += y;
  }
  return s;
}

// @@ [0.5, 1.5, 2.5, 0.3]; 4
GRADC_GRAD_WRT(x)
double unrolled_pairs(const double* x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i += 2) s += x[i] * x[i + 1];
  return s;
}

// @@ [0.5, 1.5, 2.5, 0.3]; 4
GRADC_GRAD_WRT(x)
double reverse_index_loop(const double* x, int n) {
  double s = 0;
  for (int i = n - 1; i >= 0; i--) s = s * 0.5 + x[i];
  return s;
}

// @@ [0.5, 1.5, 2.5, 0.3]; 4
GRADC_GRAD_WRT(x)
double nested_predicate(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    if (x[i] > 1) {
      if (x[i] > 2)
        s += x[i] * x[i];
      else
        s += 2 * x[i];
    } else {
      s -= x[i];
    }
  }
  return s;
}
