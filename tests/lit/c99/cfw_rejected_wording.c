// A C input is told the C alternative: a variable-length array gets a
// fixed-size array with a #define or enum bound (or the caller's buffer), a
// union gets a struct and a cast, never C++'s static_cast or constexpr.
// RUN: rm -f %t.h
// RUN: %expect-error %gradc %s -o %t.h -- %cflags | %FileCheck %s --implicit-check-not=static_cast --implicit-check-not=constexpr
// RUN: not test -e %t.h
#include <gradc/gradc.h>
#include <string.h>

union bits {
  float f;
  unsigned u;
};

GRADC_GRAD
float vla_local(const float* x, int n) {
  // CHECK-DAG: cfw_rejected_wording.c:[[@LINE+1]]:9: error: 't' is a variable-length array ('float[n]'), whose storage the generated code cannot size; use an array of a fixed maximum length ('float t[N]', N a #define or enum constant, with the loops to the run-time length), or take the storage from the caller as a parameter ('float* t')
  float t[n];
  float s = 0.0f;
  for (int i = 0; i < n; ++i) {
    t[i] = x[i] * x[i];
    s += t[i];
  }
  return s;
}

GRADC_GRAD
float vla_rows(float x, int n) {
  // CHECK-DAG: cfw_rejected_wording.c:[[@LINE+1]]:9: error: 'm' is a variable-length array ('float[n][2]'), {{.*}}('float m[N]', N a #define or enum constant,
  float m[n][2];
  m[0][0] = x;
  return m[0][0] * x;
}

GRADC_GRAD
float pun(float x) {
  union bits b;
  // CHECK-DAG: cfw_rejected_wording.c:[[@LINE+1]]:5: error: a union member reinterprets the bits of a value and cannot be differentiated; keep the values in a struct (one member each) and convert with a cast ('(float)i') instead
  b.f = x;
  return x * x;
}

GRADC_GRAD
float copy_bits(float x) {
  unsigned u;
  // CHECK-DAG: cfw_rejected_wording.c:[[@LINE+1]]:3: error: 'memcpy' reinterprets the bits of a value and cannot be differentiated; keep the values in a struct (one member each) and convert with a cast ('(float)i') instead
  memcpy(&u, &x, sizeof u);
  return x * (float)(u & 1u);
}
