// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// (The reverse stage stops at its first error: one case per run.)
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DCASE=1 | %FileCheck %s --check-prefix=AHEAD
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DCASE=2 | %FileCheck %s --check-prefix=OUTER
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags -DCASE=3 | %FileCheck %s --check-prefix=INNER
// RUN: not test -e %t.hpp
#include <gradc/gradc.h>

#ifndef CASE
// Restoring the caller's array in the reverse sweep would undo the output.
// (Reading elements written before and never written again is fine:
// numeric/overwrites_read_behind.cpp.)
GRADC_GRAD
void square_in_place(const double* x, double* y) {
  for (int i = 0; i < 4; ++i) y[i] = x[i];
  // CHECK: caller_array_overwrite.cpp:[[@LINE+1]]:31: error: this reads an element of 'y' that a later write changes (later in the code, or in a later iteration): 'y' is an array of the caller, read and then overwritten (an in-out array), and gradc saves overwritten elements of local arrays only: compute into a local array, then copy it to 'y' (reading elements written earlier and never written again is fine)
  for (int i = 0; i < 4; ++i) y[i] *= y[i];
}
#elif CASE == 1
// out[i + 1] is written again by the next iteration.
GRADC_GRAD
void read_ahead(const double* x, double* out) {
  for (int i = 0; i < 4; ++i) out[i] = x[i];
  // AHEAD: caller_array_overwrite.cpp:[[@LINE+1]]:31: error: this reads an element of 'out' that a later write changes
  for (int i = 0; i < 3; ++i) out[i] = out[i + 1] * x[i];
}
#elif CASE == 2
// The outer loop's next round writes out[i - 1] again.
GRADC_GRAD
void in_outer_loop(const double* x, double* out) {
  out[0] = x[0];
  for (int t = 0; t < 2; ++t)
    // OUTER: caller_array_overwrite.cpp:[[@LINE+1]]:33: error: this reads an element of 'out' that a later write changes
    for (int i = 1; i < 4; ++i) out[i] = out[i - 1] * x[i];
}
#else
// The inner loop reads out[i] too, before this iteration writes it.
GRADC_GRAD
void inner_reads_own(const double* x, double* out) {
  for (int i = 0; i < 4; ++i) out[i] = x[i];
  for (int i = 0; i < 4; ++i) {
    double s = 0;
    // INNER: caller_array_overwrite.cpp:[[@LINE+1]]:37: error: this reads an element of 'out' that a later write changes
    for (int j = 0; j < i + 1; ++j) s += out[j];
    out[i] = s;
  }
}
#endif
