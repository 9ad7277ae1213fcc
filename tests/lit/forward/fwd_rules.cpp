// Every rule's pushforward (derived from its pullback: the seed replaced by
// the operand's tangent) against central differences: one output component
// per rule in templates/rules.hpp, operators and idioms included, checked
// through f_jvp in double and float (-Wdouble-promotion) and through
// f_jacobian. fmax/fmin/max/min/clamp/fabs are evaluated on both sides of
// their kinks.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp -Wdouble-promotion
#include <gradc/gradc.h>
#include <gradc/math.h>

#include <algorithm>
#include <cmath>

template <class T>
T sigmoidOf(T x) { return 1 / (1 + std::exp(-x)); }

template <class T>
void everyRule(const T x[3], T y[45]) {
  T a = x[0], b = x[1], c = x[2];
  y[0] = a + b;
  y[1] = a - b;
  y[2] = a * b;
  y[3] = a / b;
  y[4] = 1 / b;
  y[5] = a * a;
  y[6] = c * a * a;
  y[7] = -a;
  y[8] = std::exp(a);
  y[9] = std::exp2(b);
  y[10] = std::expm1(c);
  y[11] = std::log(a);
  y[12] = std::log2(b);
  y[13] = std::log10(c);
  y[14] = std::log1p(a);
  y[15] = std::sqrt(b);
  y[16] = std::cbrt(c);
  y[17] = std::pow(a, b);
  y[18] = std::hypot(a, c);
  y[19] = std::hypot(a, b, c);
  y[20] = std::sin(a);
  y[21] = std::cos(b);
  y[22] = std::tan(c);
  y[23] = std::asin(a);
  y[24] = std::acos(b);
  y[25] = std::atan(c);
  y[26] = std::atan2(a, b);
  y[27] = std::sinh(a);
  y[28] = std::cosh(b);
  y[29] = std::tanh(c);
  y[30] = std::erf(a);
  y[31] = std::fabs(a - b);
  y[32] = std::fmax(a, b) + std::fmin(b, c);
  y[33] = std::max(a, c) * std::min(a, b);
  y[34] = std::clamp(a, b * b, b + c) + std::floor(c) * a;
  y[35] = gradc::sigmoid(a - c);
  y[36] = std::sqrt(a * a + b * b);  // the norm2 idiom
  y[37] = std::ceil(a) + std::round(b) + std::trunc(c);
  y[38] = std::fmod(T(7.1) * a, b);  // (a / b at none of the points an integer)
  y[39] = std::remainder(T(4.3) * c, b);  // (nor c / b a half-integer)
  y[40] = std::fma(a, b, c * c);
  y[41] = std::copysign(a, b - c) + std::fdim(a, b);  // (b != c, a != b at every point)
  y[42] = std::asinh(a) + std::acosh(1 + b) + std::atanh(c);
  y[43] = std::erfc(a);
  y[44] = std::rint(T(3) * b) * a + std::nearbyint(T(3) * c) * b;  // (3b, 3c off the half-integers)
}

GRADC_JACOBIAN
void rules(const double x[3], double y[45]) { everyRule(x, y); }

GRADC_JACOBIAN
void rulesf(const float x[3], float y[45]) { everyRule(x, y); }

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  // Both sides of the kinks (orders of a, b, c; clamp below, inside and above), all in asin's and log's domains.
  const double points[5][3] = {{0.3, 0.45, 0.6}, {0.55, 0.35, 0.25}, {0.42, 0.61, 0.33}, {0.1, 0.52, 0.45}, {0.9, 0.3, 0.2}};
  const double v[3] = {0.7, -0.4, 1.1};
  for (const auto& pt : points) {
    double x[3] = {pt[0], pt[1], pt[2]}, y[45], t_y[45];
    rules_jvp(x, y, v, t_y);
    std::vector<double> J = centralJacobian<double>({&x[0], &x[1], &x[2]}, 45, [&](double* o) { rules(x, o); });
    std::vector<double> Jv = times(J, v, 45, 3);
    ok = report("rules_jvp vs central differences", worstDifference(t_y, Jv.data(), 45), 1e-7) && ok;
    for (int i = 0; i < 45; ++i)
      if (std::fabs(t_y[i] - Jv[static_cast<size_t>(i)]) > 1e-6 * std::fmax(1.0, std::fabs(Jv[static_cast<size_t>(i)])))
        std::printf("  component %d: jvp %.17g, central %.17g\n", i, t_y[i], Jv[static_cast<size_t>(i)]);
    double Jd[rules_jacobian_rows * rules_jacobian_cols];
    rules_jacobian(x, y, Jd);
    ok = report("rules_jacobian vs central differences", worstDifference(Jd, J.data(), 45 * 3), 1e-7) && ok;
    float xf[3] = {static_cast<float>(pt[0]), static_cast<float>(pt[1]), static_cast<float>(pt[2])}, yf[45], t_yf[45];
    const float vf[3] = {0.7f, -0.4f, 1.1f};
    rulesf_jvp(xf, yf, vf, t_yf);
    ok = report("rulesf_jvp (float) vs double jvp", worstDifference(t_yf, t_y, 45), 1e-5) && ok;
  }
  return ok ? 0 : 1;
}
#endif
