// Clad-style (test/Gradient/MemberFunctions.C, Functors.C,
// TemplateFunctors.C): a member function or a functor's operator() is the
// function differentiated (clad::gradient(&C::f) / clad::gradient(functor)).
#include <gradc/gradc.h>

#include <cmath>

// @@ 1.5; 2.5
class SimpleFunctions {
 public:
  double a = 2, b = 3;
  GRADC_GRAD double mem_fn(double i, double j) { return (a + b) * i + i * j; }
};

// @@ 1.5; 2.5
struct ConstMember {
  double scale = 1.5;
  GRADC_GRAD double const_mem_fn(double i, double j) const { return scale * i * j + j; }
};

// @@ 0.5; 1.5
struct VolatileMember {
  double k = 0.5;
  GRADC_GRAD double volatile_mem_fn(double i, double j) volatile { return k * i * i + j; }
};

// @@ 0.5; 1.5
struct StaticMember {
  GRADC_GRAD static double static_mem_fn(double i, double j) { return i * i * j; }
};

// @@ 1.5; 2.5
struct Experiment {
  double x = 3, y = 5;
  GRADC_GRAD double operator()(double i, double j) { return x * i * i + y * j; }
};

// @@ 1.5; 2.5
struct ExperimentConst {
  double x = 3;
  GRADC_GRAD double operator()(double i, double j) const { return x * i * j; }
};

// @@ 0.5
template <typename T>
struct TemplateFunctor {
  T c = 2;
  GRADC_GRAD T operator()(T i) { return c * i * i * i; }
};

// @@ 0.5; 1.5
struct RefQualified {
  double k = 2;
  GRADC_GRAD double ref_mem_fn(double i, double j) & { return k * i + j * j; }
};

// @@ 0.7; 1.7
struct UsesOtherMember {
  double w = 0.5;
  double helper(double v) const { return w * v * v; }
  GRADC_GRAD double outer(double i, double j) const { return helper(i) + helper(i * j); }
};

// @@ 0.5; 1.5
struct MemberState {
  double acc = 0;
  GRADC_GRAD double accumulate(double i, double j) {
    acc = i * j;
    acc += i;
    return acc * j;
  }
};

// @@ 0.3
GRADC_GRAD
double lambda_local(double x) {
  auto f = [](double v) { return v * v + 1; };
  return f(x) * f(2 * x);
}

// @@ 0.3; 0.8
GRADC_GRAD
double lambda_capture(double x, double y) {
  auto g = [&](double v) { return v * y + x; };
  return g(x) + g(y);
}

// @@ 0.3; 0.8
GRADC_GRAD
double lambda_capture_value(double x, double y) {
  double k = x * y;
  auto g = [k](double v) { return k * v; };
  return g(x) * g(y);
}

// @@ 0.3; 0.8
GRADC_GRAD
double lambda_mutates_capture(double x, double y) {
  double acc = 0;
  auto add = [&acc](double v) { acc += v * v; };
  add(x);
  add(y);
  return acc;
}

// @@ 1.3
GRADC_GRAD
double lambda_in_loop(double x) {
  auto step = [](double v, int i) { return v * 0.5 + i; };
  double s = x;
  for (int i = 0; i < 3; ++i) s = step(s, i) * x;
  return s;
}
