// Clad-style (test/Gradient/FunctionCalls.C, DefaultArgumentAdjoint.C,
// RecursiveFunctionEarlyReturn.C, ReturnedCallAdjoint.C): calls to the user's
// own functions, by value, by reference and through pointers.
#include <gradc/gradc.h>

#include <cmath>
#include <cstdio>

// @@ 1.5; 0.5
double helper_mul(double a, double b) { return a * b; }
GRADC_GRAD
double call_value(double x, double y) { return helper_mul(x, y) + helper_mul(x, x); }

// @@ 0.7
double helper_sq(double a) { return a * a; }
double helper_quad(double a) { return helper_sq(helper_sq(a)); }
GRADC_GRAD
double nested_helpers(double x) { return helper_quad(x) + helper_sq(x + 1); }

// @@ 1.2; 2.2
void scale_ref(double& a, double k) { a *= k; }
GRADC_GRAD
double call_ref_out(double x, double y) {
  double t = x;
  scale_ref(t, y);
  scale_ref(t, x);
  return t;
}

// @@ 0.3; 0.9
void fill_pair(double a, double& s, double& c) {
  s = std::sin(a);
  c = std::cos(a);
}
GRADC_GRAD
double call_two_outputs(double x, double y) {
  double s, c;
  fill_pair(x * y, s, c);
  return s * y + c;
}

// @@ 1.5; 0.25
double read_ref(const double& a, const double& b) { return a * a + b; }
GRADC_GRAD
double call_const_ref(double x, double y) { return read_ref(x, y) * read_ref(y, x); }

// @@ 1.4
void add_to(double* acc, double v) { *acc += v * v; }
GRADC_GRAD
double call_pointer_arg(double x) {
  double acc = 0;
  add_to(&acc, x);
  add_to(&acc, 2 * x);
  return acc;
}

// @@ [0.5, 1.0, 1.5]; 3
double dot_self(const double* v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i] * v[i];
  return s;
}
GRADC_GRAD
double call_array_arg(const double* x, int n) { return std::sqrt(dot_self(x, n)); }

// @@ 2.5
double with_default(double a, double b = 2.0) { return a * b; }
GRADC_GRAD
double default_arg(double x) { return with_default(x) + with_default(x, x); }

// @@ 1.3; 4
double power_rec(double a, int k) {
  if (k == 0) return 1;
  return a * power_rec(a, k - 1);
}
GRADC_GRAD
double recursive_call(double x, int n) { return power_rec(x, n); }

// @@ 2.0
double overload(double a) { return a * a; }
double overload(double a, double b) { return a * b; }
GRADC_GRAD
double overloaded_calls(double x) { return overload(x) + overload(x, 3.0); }

// @@ 1.1; 0.6
GRADC_GRAD
double printf_statement(double x, double y) {
  double r = x * y;
  printf("r = %f\n", r);
  return r * r;
}

// @@ 0.8
void log_value(double v) { (void)v; }
GRADC_GRAD
double void_call_statement(double x) {
  double t = std::exp(x);
  log_value(t);
  return t * x;
}

// @@ 0.9; 1.9
double early(double a, double b) {
  if (a > b) return a;
  double c = a * b;
  if (c > 1) return c;
  return b;
}
GRADC_GRAD
double call_early_return(double x, double y) { return early(x, y) * x; }

// @@ 1.5; 0.5
template <class T>
T generic_sq(T v) {
  return v * v;
}
GRADC_GRAD
double template_helper(double x, double y) { return generic_sq(x) * generic_sq<double>(y); }

// @@ 0.4; 1.2
double unused_result(double a) { return a * 2; }
GRADC_GRAD
double discarded_call(double x, double y) {
  unused_result(x);
  return x * y;
}

// @@ 1.5; [0.5, 0.25]
void update_arr(double* a, double v) {
  a[0] += v;
  a[1] *= v;
}
GRADC_GRAD
double call_modifies_local_array(double x, const double* c) {
  double a[2] = {c[0], c[1]};
  update_arr(a, x);
  return a[0] * a[1];
}

// @@ 0.6
double identity(double a) { return a; }
GRADC_GRAD
double call_chain_identity(double x) { return identity(identity(x) * identity(x)); }

// @@ 0.8; 1.3
double helper_inner(double a) { return std::sin(a); }
double helper_outer(double a, double b) { return helper_inner(a * b) + b; }
GRADC_GRAD
double call_in_loop(double x, double y) {
  double s = 0;
  for (int i = 0; i < 3; ++i) s += helper_outer(x, y + i);
  return s;
}
