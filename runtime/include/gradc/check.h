// gradc/check.h: checking a gradient, on a host or on a board.
//
// What `gradc --emit-check` writes uses it: f_gradcheck(<f's arguments>) puts
// central differences of f beside f_grad at that point and returns a
// gradc::GradCheck. The same report compares two gradients, the generated one
// and a hand-written one (gradc::compare). No heap, no exceptions, no I/O
// except gradc::print_report, which hosted builds get.
#ifndef GRADC_CHECK_H
#define GRADC_CHECK_H

#include <cmath>
#include <cstddef>
#include <cstring>

#if !defined(GRADC_NO_STDIO) && __STDC_HOSTED__
#include <cstdio>
#endif

namespace gradc {

// A struct's adjoint with every member zero: `S{}` would keep its default
// member initializers (`double a = 2;`), which an adjoint must not start from.
template <class T>
T zeroed() {
  T t;
  std::memset(static_cast<void*>(&t), 0, sizeof t);
  return t;
}

// The worst component of a comparison: where it is and the two values.
// error = |generated - reference| / max(1, |reference|); NaN anywhere is the
// worst error there is (error = +inf).
struct GradCheck {
  double error = 0;               // the worst relative error found
  const char* parameter = nullptr;  // its parameter (nullptr: nothing compared yet)
  std::size_t component = 0;      // its index in that parameter (0 for a scalar)
  double generated = 0;           // the gradient under test there
  double reference = 0;           // central differences, or the hand-written gradient
  std::size_t compared = 0;       // components compared in all
  // For a function with outputs, the Jacobian entry: d output[output_component] / d parameter[component].
  const char* output = nullptr;
  std::size_t output_component = 0;
};

// The tolerance a correct gradient meets against gradc's central differences:
// their truncation and rounding error stays well below it (see central_difference).
template <class T>
constexpr double check_tolerance() {
  return sizeof(T) >= sizeof(double) ? 1e-6 : 1e-3;
}

inline bool passed(const GradCheck& r, double tolerance) { return r.compared > 0 && r.error <= tolerance; }

template <class T>
bool passed(const GradCheck& r) {
  return passed(r, check_tolerance<T>());
}

// Records one component in r if it is the worst so far.
inline void check_component(GradCheck& r, const char* parameter, std::size_t component, double generated,
                            double reference) {
  double e = std::fabs(generated - reference) / std::fmax(1.0, std::fabs(reference));
  if (e != e) e = HUGE_VAL;  // NaN
  ++r.compared;
  if (r.parameter != nullptr && !(e > r.error)) return;
  r.error = e;
  r.parameter = parameter;
  r.component = component;
  r.generated = generated;
  r.reference = reference;
  r.output = nullptr;
}

// The same for one Jacobian entry, d output[row] / d parameter[component].
inline void check_component(GradCheck& r, const char* output, std::size_t row, const char* parameter,
                            std::size_t component, double generated, double reference) {
  const char* before = r.parameter;
  double worst = r.error;
  check_component(r, parameter, component, generated, reference);
  if (r.parameter != before || r.error != worst) {
    r.output = output;
    r.output_component = row;
  }
}

// The derivative of f() with respect to x, which f reads, by central
// differences; x is perturbed in place and put back bit for bit.
//   double: (f(x+h) - f(x-h)) / 2h, h = 1e-6 max(1, |x|): truncation ~h^2 f'''
//     and rounding ~ulp(f)/h are ~1e-10, far below 1e-6.
//   float: f rounds to ~1e-7 relative, which the two-point formula divides by
//     h; the five-point stencil (8(f(x+h) - f(x-h)) - (f(x+2h) - f(x-2h))) / 12h
//     with h = 2^-5 max(1, |x|) rounded up to a power of two (x +- h exact)
//     keeps the error near 1e-4 of |f|, below 1e-3.
template <class T, class F>
double central_difference(T& x, F f) {
  const T keep = x;
  double scale = std::fabs(static_cast<double>(keep));
  if (scale < 1) scale = 1;
  if (sizeof(T) >= sizeof(double)) {
    const T h = static_cast<T>(1e-6 * scale);
    x = keep + h;
    double up = static_cast<double>(f());
    x = keep - h;
    double down = static_cast<double>(f());
    x = keep;
    return (up - down) / (2 * static_cast<double>(h));
  }
  double h = 1.0 / 32;
  while (h < scale / 32) h *= 2;
  double at[4];
  const double offsets[4] = {h, -h, 2 * h, -2 * h};
  for (int k = 0; k < 4; ++k) {
    x = static_cast<T>(static_cast<double>(keep) + offsets[k]);
    at[k] = static_cast<double>(f());
  }
  x = keep;
  return (8 * (at[0] - at[1]) - (at[2] - at[3])) / (12 * h);
}

// Compares n components of a gradient with a reference (a hand-written
// backprop's), accumulating into r.
template <class A, class B>
void compare(GradCheck& r, const char* parameter, const A* generated, const B* reference, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k)
    check_component(r, parameter, k, static_cast<double>(generated[k]), static_cast<double>(reference[k]));
}

template <class A, class B>
void compare(GradCheck& r, const char* parameter, A generated, B reference) {
  check_component(r, parameter, 0, static_cast<double>(generated), static_cast<double>(reference));
}

#if !defined(GRADC_NO_STDIO) && __STDC_HOSTED__
// "f: ok, worst relative error 3.1e-09 at w[4] (generated 0.25, reference 0.25), 12 compared"
inline void print_report(const char* what, const GradCheck& r, double tolerance) {
  std::printf("%s: %s", what, passed(r, tolerance) ? "ok" : "FAILED");
  if (r.parameter == nullptr) {
    std::printf(", nothing compared\n");
    return;
  }
  // (%lu, not %zu: newlib's printf on boards has no C99 size modifiers)
  std::printf(", worst relative error %.2g at ", r.error);
  if (r.output != nullptr) std::printf("d %s[%lu] / d ", r.output, static_cast<unsigned long>(r.output_component));
  std::printf("%s[%lu] (generated %.17g, reference %.17g), %lu compared\n", r.parameter,
              static_cast<unsigned long>(r.component), r.generated, r.reference,
              static_cast<unsigned long>(r.compared));
}
#endif

}  // namespace gradc

#endif  // GRADC_CHECK_H
