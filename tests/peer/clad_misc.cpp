// Clad-style (test/Gradient/Switch.C, SwitchInit.C, EarlyReturns.C,
// NonDifferentiable.C, TestAgainstDiff.C, Pointers.C's in-out arrays,
// PrivateCopy.C): switch, early returns, non-differentiable helpers, templates,
// globals, local references, arrays written in place.
#include <gradc/gradc.h>

#include <algorithm>
#include <cmath>

// @@ 1.5; 2
GRADC_GRAD
double switch_cases(double x, int k) {
  double r = 0;
  switch (k) {
    case 0:
      r = x;
      break;
    case 1:
      r = x * x;
      break;
    case 2:
      r = x * x * x;
      break;
    default:
      r = -x;
  }
  return r;
}

// @@ 1.5; 1
GRADC_GRAD
double switch_fallthrough(double x, int k) {
  double r = 1;
  switch (k) {
    case 1:
      r *= x;
      [[fallthrough]];
    case 2:
      r *= x + 1;
      break;
    default:
      r = 0;
  }
  return r;
}

// @@ 0.7; 3
GRADC_GRAD
double switch_in_loop(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    switch (i % 3) {
      case 0:
        s += x;
        break;
      case 1:
        s *= x;
        break;
      default:
        s -= x * x;
    }
  }
  return s;
}

// @@ 0.8; 2
GRADC_GRAD
double switch_init(double x, int k) {
  switch (int j = k * 2; j) {
    case 4:
      return x * x;
    default:
      return x;
  }
}

// @@ 0.5; 1.5
GRADC_GRAD
double early_returns(double x, double y) {
  if (x > 1) return x * y;
  double t = x * x;
  if (t + y > 1) return t * y + std::sin(x);
  return y;
}

// @@ 2.5
GRADC_GRAD
double nested_early_return(double x) {
  double t = x;
  if (x > 0) {
    t = t * x;
    if (t > 4) {
      return t + 1;
    }
  }
  return t;
}

// @@ [1.5, 0.5, 3.5, 2.5]; 4
GRADC_NONDIFF
int argmax_index(const double* v, int n) {
  int k = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[k]) k = i;
  return k;
}
GRADC_GRAD
double nondiff_helper(const double* x, int n) { return x[argmax_index(x, n)] * 2 + x[0]; }

// @@ 1.5; 0.5
template <typename T>
GRADC_GRAD T template_fn(T x, T y) {
  return x * x * y + y;
}
template double template_fn<double>(double, double);

// @@ 1.5
template <int N>
double fixed_power(double x) {
  double r = 1;
  for (int i = 0; i < N; ++i) r *= x;
  return r;
}
GRADC_GRAD
double non_type_template_call(double x) { return fixed_power<3>(x) + fixed_power<2>(x); }

// @@ 1.25
double g_factor = 3.0;
GRADC_GRAD
double global_read(double x) { return g_factor * x * x; }

// @@ 1.25
double g_last = 0;
GRADC_GRAD
double global_written(double x) {
  g_last = x * 2;
  return g_last * x;
}

// @@ 1.25
GRADC_GRAD
double static_local_counter(double x) {
  static int calls = 0;
  calls++;
  return x * x;
}

// @@ [0.5, 1.5, 2.5]
GRADC_GRAD
double local_reference(double* x) {
  double& a = x[1];
  a = a * x[0];
  return a + x[2];
}

// @@ [0.5, 1.5, 2.5]
GRADC_GRAD
double local_const_reference(const double* x) {
  const double& a = x[1];
  const double& b = x[2];
  return a * b + a;
}

// @@ 1.5; 2.5
GRADC_GRAD
double local_reference_scalar(double x, double y) {
  double& r = x;
  r *= y;
  return x + r;
}

// @@ [0.5, 1.5, 2.5]; 3
GRADC_GRAD
void scale_in_place(double* x, int n) {
  for (int i = 0; i < n; ++i) x[i] = x[i] * x[i];
}

// @@ 1.2; [0.0, 0.0]
GRADC_GRAD
void write_outputs(double x, double* out) {
  out[0] = x * x;
  out[1] = std::sin(x);
}

// @@ 0.7; 1.9
GRADC_GRAD
double std_min_max(double x, double y) { return std::max(x, y) * std::min(x * y, 1.0) + std::clamp(x, 0.0, 1.0); }

// @@ 0.8; 1.4
GRADC_GRAD
double goto_exit(double x, double y) {
  double r = x * y;
  if (r > 1) goto done;
  r = r * r;
done:
  return r + x;
}

// @@ 0.6; 0.3
GRADC_GRAD
double cond_operator_lvalue_free(double x, double y) {
  double a = x > y ? std::exp(x) : std::exp(y);
  double b = (a > 1) ? a * x : a / x;
  return a + b;
}

// @@ 1.1
GRADC_GRAD
double int_cast_of_double(double x) {
  int k = static_cast<int>(x * 3);
  return x * k + std::floor(x) * x;
}

// @@ 0.5; 2.5
GRADC_GRAD
double default_initialized_local(double x, double y) {
  double a{};
  double b = double();
  a += x;
  b += y * a;
  return a * b;
}
