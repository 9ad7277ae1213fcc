// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

// Restoring the caller's array in the reverse sweep would undo the output.
// (Reading elements written before and never written again is fine:
// numeric/overwrites_read_behind.cpp. An array whose values at the call the
// body may read is in-out, differentiated and put back:
// numeric/inout_arrays.cpp, with the three cases this test also had.)
GRADC_GRAD
void square_in_place(const double* x, double* y) {
  for (int i = 0; i < 4; ++i) y[i] = x[i];
  // CHECK: caller_array_overwrite.cpp:[[@LINE+1]]:31: error: this reads an element of 'y' that a later write changes (later in the code, or in a later iteration): 'y' is an output array of the caller, read and then overwritten, and putting its old values back for the reverse sweep would undo the output: compute into a local array, then copy it to 'y' (reading elements written earlier and never written again is fine), or name 'y' in GRADC_GRAD_WRT to differentiate it as an in-out array (f_grad then leaves it as it was at the call)
  for (int i = 0; i < 4; ++i) y[i] *= y[i];
}
