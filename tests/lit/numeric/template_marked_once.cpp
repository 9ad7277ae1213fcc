// One gradient per instantiation of a marked function template, however it
// is declared. Each declaration is visited: a template declared before its
// definition collected its instantiations twice, and an explicit
// specialization (which inherits the marker) was added again on its own
// visit: f_grad defined twice, a header that did not compile.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck --check-prefix=TW %s < %t.hpp
// RUN: %FileCheck --check-prefix=SQ %s < %t.hpp
// RUN: %FileCheck --check-prefix=CU %s < %t.hpp
// RUN: %run-check %s %t.hpp
#include <gradc/gradc.h>

// TW: inline double tw_grad(
// TW-NOT: inline double tw_grad(
template <class T>
GRADC_GRAD T tw(T x);

template <class T>
T tw(T x) {
  return x * x * x;
}
template double tw<double>(double);

// SQ: inline double sq_grad(
// SQ-NOT: inline double sq_grad(
template <class T>
GRADC_GRAD T sq(T x) {
  return x * x;
}
template <>
GRADC_GRAD double sq<double>(double x) {
  return 3.0 * x * x;
}

// CU: inline double cu_grad(
// CU-NOT: inline double cu_grad(
// CU: inline float cu_grad(
// CU-NOT: inline double cu_grad(
template <class T>
GRADC_GRAD T cu(T x) {
  return x * x * x;
}
template <>
double cu<double>(double x) {
  return 2.0 * x * x * x;
}
template float cu<float>(float);

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
int main() {
  double a = 0, b = 0, c = 0;
  float e = 0;
  bool ok = tw_grad(2.0, &a) == 8.0 && a == 12.0;  // x^3
  ok = ok && sq_grad(2.0, &b) == 12.0 && b == 12.0;  // the specialization: 3x^2
  ok = ok && cu_grad(2.0, &c) == 16.0 && c == 24.0;  // the specialization: 2x^3
  ok = ok && cu_grad(2.0f, &e) == 8.0f && e == 12.0f;
  return ok ? 0 : 1;
}
#endif
