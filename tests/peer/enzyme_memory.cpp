// Enzyme-style (enzyme/test/Integration/ReverseMode: readwriteread.c,
// rwrloop.c, metarwr.c, insertsort_sum*.c, allocatedtape.c, metamalloc.c,
// forrealloc.c, smallrealloc.c, posix_memalign*.c, mixedstruct1*.c, sret.c,
// gradient-struct-return.c, headerremat.c): memory written and read back,
// heap scratch, structs through pointers.
#include <gradc/gradc.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peer_types.hpp"

// @@ [1.5, 2.5]
GRADC_GRAD
double read_write_read(double* x) {
  double a = x[0];
  x[0] = a * a;
  return x[0] * x[1];
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double rwr_loop(double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    x[i] = x[i] * x[i];
    s += x[i];
  }
  return s;
}

// @@ [0.5, 1.5, 2.5]; [0.0, 0.0, 0.0]; 3
GRADC_GRAD_WRT(x, y)
void rwr_two_arrays(const double* x, double* y, int n) {
  for (int i = 0; i < n; i++) y[i] = x[i] * 2;
  for (int i = 0; i < n; i++) y[i] = y[i] * y[i];
}

// @@ [0.5, 1.5, 2.5]; 3
double meta_read(const double* p, int i) { return p[i] * p[i]; }
GRADC_GRAD_WRT(x)
double meta_rwr(const double* x, int n) {
  double tmp[3];
  for (int i = 0; i < n; i++) tmp[i] = meta_read(x, i);
  for (int i = 0; i < n; i++) tmp[i] = tmp[i] + meta_read(tmp, i);
  return tmp[0] + tmp[1] + tmp[2];
}

// @@ [1.0, 0.0, 3.0, 2.0, 5.0, 4.0]; 6; 0.0
GRADC_GRAD_WRT(array, ret)
void insertsort_sum(double* array, int n, double* ret) {
  for (int i = 1; i < n; i++) {
    int j = i;
    while (j > 0 && array[j - 1] < array[j]) {
      double tmp = array[j];
      array[j] = array[j - 1];
      array[j - 1] = tmp;
      j -= 1;
    }
  }
  double s = 0;
  for (int i = 0; i < n / 2; i++) s += array[i];
  *ret = s;
}

// @@ [1.0, 0.5, 3.0, 2.0, 5.5, 4.0]; 6
GRADC_GRAD_WRT(x)
double sort_copy_top_half(const double* x, int n) {
  double a[6];
  for (int i = 0; i < n; i++) a[i] = x[i];
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && a[j - 1] < a[j]; j--) {
      double t = a[j];
      a[j] = a[j - 1];
      a[j - 1] = t;
    }
  double s = 0;
  for (int i = 0; i < n / 2; i++) s += a[i] * a[i];
  return s;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double malloc_scratch(const double* x, int n) {
  double* t = (double*)malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) t[i] = sin(x[i]);
  double s = 0;
  for (int i = 0; i < n; i++) s += t[i] * x[i];
  free(t);
  return s;
}

// @@ 1.3
GRADC_GRAD
double malloc_scalar(double x) {
  double* p = (double*)malloc(sizeof(double));
  *p = x * x;
  double r = *p * x;
  free(p);
  return r;
}

// @@ [0.5, 1.5, 2.5, 0.7]; 4
GRADC_GRAD_WRT(x)
double realloc_grow(const double* x, int n) {
  double* buf = 0;
  int cap = 0;
  for (int i = 0; i < n; i++) {
    if (i >= cap) {
      cap = cap ? 2 * cap : 1;
      buf = (double*)realloc(buf, sizeof(double) * cap);
    }
    buf[i] = x[i] * x[i];
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += buf[i];
  free(buf);
  return s;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double memcpy_copy(const double* x, int n) {
  double tmp[3];
  memcpy(tmp, x, sizeof(double) * n);
  double s = 0;
  for (int i = 0; i < n; i++) s += tmp[i] * tmp[i] * tmp[i];
  return s;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double memset_then_fill(const double* x, int n) {
  double acc[3];
  memset(acc, 0, sizeof(acc));
  for (int i = 0; i < n; i++) acc[i] += exp(x[i]);
  return acc[0] * acc[1] + acc[2];
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double fixed_local_tape(const double* x, int n) {
  double tape[8];
  double y = 1;
  for (int i = 0; i < n; i++) {
    tape[i] = y;
    y = y * x[i] + 1;
  }
  double s = y;
  for (int i = 0; i < n; i++) s += tape[i] * x[i];
  return s;
}

// @@ {1.5, 3, 0.5}
GRADC_GRAD
double mixed_struct_ptr(Sample* s) { return s->value * s->value * s->count + s->weight; }

// @@ [{1.5, 2, 0.5}, {0.5, 1, 2.0}]; 2
GRADC_GRAD
double mixed_struct_array(const Sample* s, int n) {
  double r = 0;
  for (int i = 0; i < n; i++) r += s[i].value * s[i].weight * s[i].count;
  return r;
}

// @@ 1.5; 0.5
Vec2 make_vec(double a, double b) {
  Vec2 v;
  v.x = a * b;
  v.y = a + b;
  return v;
}
GRADC_GRAD
double struct_return_helper(double x, double y) {
  Vec2 v = make_vec(x, y);
  return v.x * v.y;
}

// @@ 1.5; 0.5; {0.0, 0.0}
GRADC_GRAD_WRT(x, y, out)
void sret_out(double x, double y, Vec2* out) {
  out->x = x * y;
  out->y = x / y;
}

// @@ 0.5; 1.5
GRADC_GRAD
Vec2 struct_returned(double x, double y) {
  Vec2 r = {x * x, x * y};
  return r;
}

// @@ {{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, {0.05, -0.1, 0.2}}; [0.5, -1.5]; [0.0, 0.0, 0.0]
GRADC_GRAD_WRT(l, x, y)
void layer_forward(const Layer* l, const double* x, double* y) {
  for (int i = 0; i < 3; i++) {
    double s = l->b[i];
    for (int j = 0; j < 2; j++) s += l->w[i][j] * x[j];
    y[i] = tanh(s);
  }
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double header_remat(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double c = cos(x[i]);
    s += c * c + x[i] * c;
  }
  return s;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD_WRT(x)
double array_of_pointers(const double* x, int n) {
  const double* rows[2] = {x, x + 1};
  double s = 0;
  for (int i = 0; i < n - 1; i++) s += rows[0][i] * rows[1][i];
  return s;
}
