// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %FileCheck %s < %t.hpp
// RUN: %cxx-check %t.hpp
#include <gradc/gradc.h>
#include <cmath>

// The work buffer's size and layout (issue 24, items 2, 3 and 7a; the numbers
// are checked under ASan and UBSan in numeric/work_buffer_*.cpp).

// A template's instantiations each have their own size: explicit
// specializations of a deleted primary template (was one
// eval_f_grad_work_bytes(int), sized with sizeof(float), for both).
// CHECK-LABEL: template <typename T>
// CHECK-NEXT: std::size_t eval_f_grad_work_bytes(int count) = delete;
// CHECK: template <>
// CHECK-NEXT: inline std::size_t eval_f_grad_work_bytes<float>(int count) {
// CHECK-NEXT: return sizeof(float) * static_cast<std::size_t>(count > 0 ? count : 0);
// CHECK-LABEL: inline float eval_f_grad(
// CHECK: if (work_bytes < eval_f_grad_work_bytes<float>(count) ||
// CHECK: template <>
// CHECK-NEXT: inline std::size_t eval_f_grad_work_bytes<double>(int count) {
// CHECK-NEXT: return sizeof(double) * static_cast<std::size_t>(count > 0 ? count : 0);
// CHECK-LABEL: inline double eval_f_grad(
// CHECK: if (work_bytes < eval_f_grad_work_bytes<double>(count) ||
template <typename T>
GRADC_GRAD
T eval_f(T* y_out, T a, const T ys[2], T* res, T w1, int count) {
  for (int j = 0; j < count; ++j) a = a / std::hypot(w1, 1.0) + ys[j % 2];
  y_out[0] = a;
  res[0] = a * 2;
  return a;
}
template float eval_f<float>(float*, float, const float*, float*, float, int);
template double eval_f<double>(double*, double, const double*, double*, double, int);

// The loop condition's bool tape goes after the float one (it went first: a
// float tape at an odd offset).
// CHECK-LABEL: inline std::size_t gated_grad_work_bytes(int len) {
// CHECK-NEXT: std::size_t bytes = sizeof(float) * static_cast<std::size_t>(len > 0 ? len : 0);
// CHECK-NEXT: bytes = gradc::align_up<bool>(bytes) + sizeof(bool) * static_cast<std::size_t>(len > 0 ? len : 0);
// CHECK-NEXT: return bytes;
// CHECK-LABEL: inline float gated_grad(
// CHECK: unsigned char* next = static_cast<unsigned char*>(work);
// CHECK-NEXT: float* lr_tape = reinterpret_cast<float*>(next);
// CHECK-NEXT: next += sizeof(float) * static_cast<std::size_t>(len > 0 ? len : 0);
// CHECK-NEXT: next = gradc::align_up<bool>(next);
// CHECK-NEXT: bool* running_tape = reinterpret_cast<bool*>(next);
GRADC_GRAD
float gated(float scale, int len, float lr) {
  for (int i = 0; i < len && lr * lr >= scale; ++i) lr = lr * 0.5f + std::sin(lr);
  return lr;
}

// Widest first; each tape after a change of type starts rounded up to its
// alignment, and the size counts that padding.
// CHECK-LABEL: inline std::size_t mixed_grad_work_bytes(int n) {
// CHECK-NEXT: std::size_t bytes = sizeof(double) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: bytes = gradc::align_up<int>(bytes) + sizeof(int) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: bytes = gradc::align_up<float>(bytes) + sizeof(float) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: bytes = gradc::align_up<bool>(bytes) + sizeof(bool) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: return bytes;
// CHECK-LABEL: inline float mixed_grad(
// CHECK: unsigned char* next = static_cast<unsigned char*>(work);
// CHECK-NEXT: double* acc_tape = reinterpret_cast<double*>(next);
// CHECK-NEXT: next += sizeof(double) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: next = gradc::align_up<int>(next);
// CHECK-NEXT: int* k_tape = reinterpret_cast<int*>(next);
// CHECK-NEXT: next += sizeof(int) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: next = gradc::align_up<float>(next);
// CHECK-NEXT: float* x_tape = reinterpret_cast<float*>(next);
// CHECK-NEXT: next += sizeof(float) * static_cast<std::size_t>(n > 0 ? n : 0);
// CHECK-NEXT: next = gradc::align_up<bool>(next);
// CHECK-NEXT: bool* running_tape = reinterpret_cast<bool*>(next);
GRADC_GRAD
float mixed(float x, double y, int n) {
  int k = 1;
  double acc = y;
  for (int i = 0; i < n && x * x < 50.0f; ++i) {
    k = (k * 5 + 3) % 7;
    x = x * 0.9f + std::sin(x) * 0.1f * static_cast<float>(k);
    acc = acc * std::cos(acc) + 0.1 * static_cast<double>(x);
  }
  return x + static_cast<float>(acc);
}

// Overloads whose integer parameters differ have one size each (the second
// was skipped: only the name was compared).
// CHECK-LABEL: inline std::size_t g_grad_work_bytes(int n) {
// CHECK-NEXT: return sizeof(float) *
// CHECK-LABEL: inline std::size_t g_grad_work_bytes(long n) {
// CHECK-NEXT: return sizeof(double) *
GRADC_GRAD
float g(float x, int n) { for (int i = 0; i < n; ++i) x = std::sin(x); return x; }
GRADC_GRAD
double g(double x, long n) { for (long i = 0; i < n; ++i) x = std::sin(x); return x; }

// So do functions of one name in two namespaces; the running size takes a
// name the parameters leave free.
// CHECK-LABEL: namespace a {
// CHECK-EMPTY:
// CHECK-NEXT: // h_grad_work_bytes: the size
// CHECK: inline std::size_t h_grad_work_bytes(int bytes) {
// CHECK-NEXT: std::size_t bytes_ = sizeof(double) * static_cast<std::size_t>(bytes > 0 ? bytes : 0);
// CHECK-NEXT: bytes_ = gradc::align_up<bool>(bytes_) + sizeof(bool) * static_cast<std::size_t>(bytes > 0 ? bytes : 0);
// CHECK-NEXT: return bytes_;
// CHECK-LABEL: namespace b {
// CHECK-EMPTY:
// CHECK-NEXT: // h_grad_work_bytes: the size
// CHECK: inline std::size_t h_grad_work_bytes(int n) {
// CHECK-NEXT: return sizeof(float) *
namespace a {
GRADC_GRAD double h(double x, int bytes) {
  for (int i = 0; i < bytes && x < 3.0; ++i) x = std::sin(x) + 0.5;
  return x;
}
}  // namespace a
namespace b {
GRADC_GRAD float h(float x, int n) {
  for (int i = 0; i < n; ++i) x = std::sin(x);
  return x;
}
}  // namespace b
