// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp

#include <gradc/gradc.h>
#include <cmath>

// Overwritten values are saved only when the reverse sweep reads them.
GRADC_GRAD
double overwrite(double x, double y) {
  double z = x * y;
  z = std::sin(z);
  z = z + y;
  return z * z;
}

// CHECK-LABEL: inline void overwrite_pullback(double x, double y, double d_ret, double* d_x, double* d_y) {
// CHECK-NEXT: // line 11: double z = x * y;
// CHECK-NEXT: double z = x * y;
// CHECK-NEXT: // line 12: z = std::sin(z)
// CHECK-NEXT: double z_old = z;
// CHECK-NEXT: z = std::sin(z);
// CHECK-NEXT: // line 13: z = z + y
// CHECK-NEXT: z = z + y;
// CHECK-EMPTY:
// CHECK-NEXT: // reverse sweep
// CHECK-NEXT: // line 14: return z * z
// CHECK-NEXT: double d_z = d_ret * (2.0 * z);
// CHECK-NEXT: // line 13: z = z + y
// CHECK-NEXT: *d_y += d_z;
// CHECK-NEXT: // line 12: z = std::sin(z)
// CHECK-NEXT: z = z_old;
// CHECK-NEXT: d_z = d_z * std::cos(z);
// CHECK-NEXT: // line 11: double z = x * y;
// CHECK-NEXT: *d_x += d_z * y;
// CHECK-NEXT: *d_y += d_z * x;
// CHECK-NEXT: }
