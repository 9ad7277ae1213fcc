// Clad-style (test/Gradient/Pointers.C, PointerAllocation.C,
// DirectMemoryReturn.C): pointer parameters, local pointers, pointer
// arithmetic, new/delete.
#include <gradc/gradc.h>

#include <cmath>

// @@ 1.5
GRADC_GRAD
double pointer_to_local(double x) {
  double y = x * x;
  double* p = &y;
  return *p * x;
}

// @@ [1.5, 2.5]
GRADC_GRAD
double deref_param(const double* p) { return *p * *(p + 1); }

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD
double pointer_walk(const double* arr, int n) {
  double s = 0;
  const double* q = arr;
  for (int i = 0; i < n; ++i) {
    s += *q * *q;
    q++;
  }
  return s;
}

// @@ 1.2; 0.7
GRADC_GRAD
double pointer_reassigned(double x, double y) {
  double a = x * y, b = x + y;
  double* p = &a;
  double r = *p;
  p = &b;
  r *= *p;
  return r;
}

// @@ 0.8; 3
GRADC_GRAD
double new_delete(double x, int n) {
  double* buf = new double[n];
  for (int i = 0; i < n; ++i) buf[i] = x * (i + 1);
  double s = 0;
  for (int i = 0; i < n; ++i) s += buf[i] * buf[i];
  delete[] buf;
  return s;
}

// @@ 1.1
GRADC_GRAD
double new_scalar(double x) {
  double* p = new double(x);
  *p = *p * *p + x;
  double r = *p;
  delete p;
  return r;
}

// @@ [0.3, 0.6, 0.9, 1.2]; 4
GRADC_GRAD
double pointer_offset_view(const double* x, int n) {
  const double* second_half = x + n / 2;
  double s = 0;
  for (int i = 0; i < n / 2; ++i) s += x[i] * second_half[i];
  return s;
}

// @@ 2.0; 0.5
GRADC_GRAD
double write_through_pointer(double x, double y) {
  double v = 0;
  double* p = &v;
  *p = x * y;
  *p += x;
  return v * y;
}

// @@ [1.0, 2.0, 3.0]
GRADC_GRAD
double index_pointer_arith(const double* a) { return a[0] * *(a + 2) + 2[a]; }

// @@ 1.5; 2.5
GRADC_GRAD
double pointer_to_param(double x, double y) {
  double* p = &x;
  *p = *p * y;
  return x + y;
}

// @@ 0.9; [0.2, 0.4, 0.6]; 3
GRADC_GRAD
double local_array_via_pointer(double x, const double* w, int n) {
  double tmp[3];
  double* t = tmp;
  for (int i = 0; i < n; ++i) t[i] = w[i] * x;
  return tmp[0] + tmp[1] * tmp[2];
}
