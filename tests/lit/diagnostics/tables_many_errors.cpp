// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.hpp
// Every error of a run: every marked function, every problem in each, and an
// error inside an inlined helper names the chain of calls that reached it.
#include <gradc/gradc.h>

#include <vector>

double scale = 2.0;
double mystery(double);  // declared, never defined

GRADC_GRAD
double fenced(double x) {
  // CHECK: tables_many_errors.cpp:[[@LINE+1]]:14: error: 'throw'
  if (x < 0) throw 1;
  return x;
}

GRADC_GRAD
double several(const double* x, int n) {
  double s = 0;
  // CHECK: tables_many_errors.cpp:[[@LINE+1]]:3: error: writing the global 'scale'
  scale = x[0];
  // CHECK: tables_many_errors.cpp:[[@LINE+1]]:23: error: 'w' is a std::vector local
  std::vector<double> w(n);
  w[0] = x[1];  // (w failed: not reported again)
  double t = s;
  // CHECK: tables_many_errors.cpp:[[@LINE+1]]:21: error: 't' is assigned inside this expression and also used elsewhere in it
  s += (t = x[2]) * t;
  // CHECK: tables_many_errors.cpp:[[@LINE+1]]:8: error: cannot differentiate the call to 'mystery'
  s += mystery(x[3]);
  return s;
}

double stage(double v);

GRADC_GRAD
double mpc_cost(const double* u) {
  double c = 0;
  for (int k = 0; k < 3; ++k) {
    // CHECK: tables_many_errors.cpp:[[@LINE+4]]:5: error: writing the global 'scale'
    // CHECK: tables_many_errors.cpp:[[@LINE+10]]:10: error: cannot differentiate the call to 'mystery'
    // CHECK: tables_many_errors.cpp:[[@LINE+11]]:33: note: in 'quad', called from 'stage' at tables_many_errors.cpp:[[@LINE+11]]:33
    // CHECK: tables_many_errors.cpp:[[@LINE+2]]:10: note: in 'stage', called from 'mpc_cost' at tables_many_errors.cpp:[[@LINE+2]]:10
    scale = u[k];
    c += stage(u[k]);
  }
  return c;
}

double quad(double v) {
  return mystery(v) * v;
}
double stage(double v) { return quad(v) + 1.0; }
