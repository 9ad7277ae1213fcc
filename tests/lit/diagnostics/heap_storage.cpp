// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#include <cstdlib>

// Heap storage the generated code cannot hold, or release, as a local (what
// it can: numeric/heap_storage.cpp). Every error is reported in one run.
GRADC_GRAD
double runtime_new(double x, int n) {
  // CHECK: heap_storage.cpp:[[@LINE+1]]:17: error: 'new double{{\[}}n{{\]}}' allocates heap storage of a run-time size, which the generated code cannot hold (it never allocates); use an array of a fixed maximum length ('double buf{{\[}}kMax{{\]}};', with the loops to the run-time length), or take the storage from the caller as a parameter ('const double* x, double* buf' work buffer)
  double* buf = new double[n];
  for (int i = 0; i < n; ++i) buf[i] = x * (i + 1);
  double s = buf[0];
  delete[] buf;
  return s;
}

GRADC_GRAD
double runtime_malloc(const double* x, int n) {
  // CHECK: heap_storage.cpp:[[@LINE+1]]:24: error: 'malloc(sizeof(double) * n)' allocates heap storage of a run-time size, which the generated code cannot hold (it never allocates); use an array of a fixed maximum length ('double t{{\[}}kMax{{\]}};', with the loops to the run-time length), or take the storage from the caller as a parameter ('const double* x, double* t' work buffer)
  double* t = (double*)malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) t[i] = x[i];
  double s = t[0];
  free(t);
  return s;
}

GRADC_GRAD
double partial_bytes(double x) {
  // CHECK: heap_storage.cpp:[[@LINE+1]]:24: error: 'malloc(12)', whose byte count is not a whole number of 'double' elements (write 'malloc(N * sizeof(double))') is not supported in a differentiated function yet
  double* t = (double*)malloc(12);
  t[0] = x;
  double s = t[0];
  free(t);
  return s;
}

GRADC_GRAD
double mismatch(double x) {
  double* p = new double[2];
  p[0] = x;
  double s = p[0];
  // CHECK: heap_storage.cpp:[[@LINE+1]]:3: error: 'free(p)', which releases storage made by 'new{{\[}}{{\]}}' with 'free' (undefined behavior: release it with 'delete{{\[}}{{\]}}') is not supported in a differentiated function yet
  free(p);
  return s;
}

GRADC_GRAD
double moved(double x) {
  // CHECK: heap_storage.cpp:[[@LINE+1]]:15: error: the heap pointer 'p', which the function moves, reassigns or takes the address of (allocate into a local array, 'double p{{\[}}N{{\]}};', and index it) is not supported in a differentiated function yet
  double* p = new double[2];
  p[0] = x;
  ++p;
  *p = x;
  double s = p[-1] + p[0];
  delete[] (p - 1);
  return s;
}

GRADC_GRAD
double grown(double x) {
  double* p = (double*)malloc(sizeof(double));
  // CHECK: heap_storage.cpp:[[@LINE+1]]:24: error: 'realloc' (the generated code never allocates: declare a local array of a fixed maximum length, 'double q{{\[}}kMax{{\]}};') is not supported in a differentiated function yet
  double* q = (double*)realloc(p, 2 * sizeof(double));
  q[0] = x;
  double s = q[0];
  free(q);
  return s;
}

GRADC_GRAD
double not_ours(double* x) {
  double s = x[0] * x[0];
  // CHECK: heap_storage.cpp:[[@LINE+1]]:3: error: 'free(x)', which releases storage this function did not allocate where the pointer is declared (release a pointer declared as 'double* p = new double{{\[}}N{{\]}};' or '= (double*)malloc(N * sizeof(double));', with a constant N) is not supported in a differentiated function yet
  free(x);
  return s;
}
