// A C++ input whose marked functions use only what C has, with --emit=c99:
// its C99 output (std::exp of a float is expf, <cmath> is <math.h>, no
// namespace, static inline, restrict) gives the same bits as its C++ output,
// one check main built as C and as C++.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %gradc --emit=c99 %s -o %t.h -- %flags
// RUN: %FileCheck %s < %t.h
// RUN: %c99-cxx -DGRADC_GRAD_HEADER=\"%t.hpp\" -x c++ %S/Inputs/c99_from_cpp_main.c -o %t.cxx && %t.cxx > %t.cxx.txt
// RUN: %c99-cc -DGRADC_GRAD_HEADER=\"%t.h\" %S/Inputs/c99_from_cpp_main.c -o %t.c -lm && %t.c > %t.c.txt
// RUN: diff %t.cxx.txt %t.c.txt
// RUN: cat %t.c.txt | %FileCheck --check-prefix=RUN-OUT %s
#include <gradc/gradc.h>

#include <cmath>

// CHECK: C99.
// CHECK: #include <math.h>
// CHECK-NOT: #include <cmath>
// CHECK-NOT: {{^[^/]*std::}}
// CHECK-NOT: static_cast
// CHECK-NOT: namespace
// CHECK: static inline float layer_grad(const float* w, const float* x, float b, float* restrict d_w, float* d_b)
// CHECK: tanhf(
// CHECK: expf(
GRADC_GRAD_WRT(w, b)
float layer(const float* w, const float* x, float b) {
  float s = b;
  for (int i = 0; i < 4; ++i) s += w[i] * x[i];
  float y = std::tanh(s);
  return y * y + std::exp(-b * b) + std::sqrt(1.0f + x[0] * x[0]) * w[1];
}

// CHECK: static inline double energy_grad(double q, double p, int n, double* d_q, double* d_p)
GRADC_GRAD
double energy(double q, double p, int n) {
  double e = 0.5 * p * p;
  for (int k = 1; k <= 3; ++k) e += std::cos(q * k) / (k + n);
  return e;
}
// RUN-OUT: layer
// RUN-OUT: energy
