// C constructs gradc does not differentiate get an error at the construct
// (file:line:col, what, what to write instead), and no output.
// RUN: rm -f %t.h
// RUN: %expect-error %gradc %s -o %t.h -- %cflags -I%S | %FileCheck %s
// RUN: not test -e %t.h
#include <gradc/gradc.h>
#include <math.h>

#include "Inputs/c99_structs.h"

GRADC_GRAD
float vla(const float* x, int n) {
  // CHECK-DAG: c99_rejected.c:[[@LINE+1]]:9: error: 't' is a variable-length array ('float[n]'), whose storage the generated code cannot size; use an array of a fixed maximum length ('float t[N]', N a #define or enum constant
  float t[n];
  float s = 0.0f;
  for (int i = 0; i < n; ++i) {
    t[i] = x[i] * x[i];
    s += t[i];
  }
  return s;
}

GRADC_GRAD
float jumps(float x) {
  // CHECK-DAG: c99_rejected.c:[[@LINE+1]]:17: error: 'goto' cannot be differentiated; use if/else instead
  if (x > 0.0f) goto done;
  x = -x;
done:
  return x * x;
}

GRADC_GRAD
float cases(float x, int k) {
  float r = 0.0f;
  switch (k) {
    case 0:
      r = x;
      if (x > 1.0f) {
        // CHECK-DAG: c99_rejected.c:[[@LINE+1]]:9: error: a 'case' or 'default' label inside a block, an if or a loop of the switch (Duff's device; put every label directly in the switch's braces) is not supported in a differentiated function yet
        case 1:
          r += x;
      }
  }
  return r;
}

GRADC_GRAD_WRT(x)
float literal(float x) {
  // CHECK-DAG: c99_rejected.c:[[@LINE+1]]:19: error: the struct value '(struct cell){{.*}}' (supported: braces, a copy of a struct variable, a call of a function defined in the source) is not supported in a differentiated function yet
  struct cell c = (struct cell){{{x, 1.0f, 2.0f}, {0.0f, 0.0f, 0.0f}}, 2.0f};
  return c.w[0][0] * c.gain;
}
