// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>
#include <cmath>

// Two overloads whose gradients both need a work buffer, with the same integer
// parameters: one g_grad_work_bytes(int) would size the float one's buffer for
// the double one too (issue 24, item 2). Overloads that differ in their integer
// parameters, and a template's instantiations, are fine (work_buffer_layout.cpp).
// CHECK: work_size_overloads.cpp:[[@LINE+9]]:8: error: 'g' is marked twice with integer parameters (int) and a loop of run-time length, and one 'g_grad_work_bytes(int)' cannot size both work buffers; rename one overload, or make 'g' a template with the same integer parameters (each instantiation has its own 'g_grad_work_bytes<...>')
// CHECK: work_size_overloads.cpp:[[@LINE+2]]:7: note: 'g' is declared here
GRADC_GRAD
float g(float x, int n) {
  for (int i = 0; i < n; ++i) x = std::sin(x);
  return x;
}

GRADC_GRAD
double g(double x, int n) {
  for (int i = 0; i < n; ++i) x = std::sin(x);
  return x;
}
