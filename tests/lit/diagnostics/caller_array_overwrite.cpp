// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Restoring the caller's array in the reverse sweep would undo the output.
GRADC_GRAD
void square_in_place(const double* x, double* y) {
  for (int i = 0; i < 4; ++i) y[i] = x[i];
  // CHECK: caller_array_overwrite.cpp:[[@LINE+1]]:31: error: this reads 'y', which is written later (or in a later iteration); gradc saves overwritten elements of local arrays only, not of the caller's: compute into a local array, then copy it to 'y'
  for (int i = 0; i < 4; ++i) y[i] *= y[i];
}
