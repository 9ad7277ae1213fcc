// f_jvp through calls: helpers (inlined, as for the gradient) that return a
// value and write an array, and the same measurement model in float,
// compiled with -Wdouble-promotion: tangents equal central differences.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %run-check %s %t.hpp -Wdouble-promotion
#include <gradc/gradc.h>

#include <cmath>

static double sq(double a) { return a * a; }

static void rotate(double th, const double p[2], double q[2]) {
  q[0] = std::cos(th) * p[0] - std::sin(th) * p[1];
  q[1] = std::sin(th) * p[0] + std::cos(th) * p[1];
}

// Range and bearing of a landmark seen from a pose (x, y, heading).
GRADC_JACOBIAN_WRT(s)
double measure(const double s[3], const double landmark[2], double z[2]) {
  double d[2] = {landmark[0] - s[0], landmark[1] - s[1]};
  double q[2];
  rotate(-s[2], d, q);
  z[0] = std::sqrt(sq(q[0]) + sq(q[1]));
  z[1] = std::atan2(q[1], q[0]);
  return sq(z[0]);
}

static float cube(float a) { return a * a * a; }

GRADC_JACOBIAN
float measuref(float x, const float w[2], float z[2]) {
  z[0] = cube(x) * w[0] + std::exp(-w[1] * x);
  z[1] = std::hypot(x, w[1]) / (1.0f + w[0] * w[0]);
  return z[0] * z[1];
}

#ifdef GRADC_CHECK_MAIN
#include GRADC_GRAD_HEADER
#include "Inputs/fwd_check.hpp"
int main() {
  bool ok = true;
  {
    double s[3] = {0.5, -0.2, 0.3}, lm[2] = {3.0, 1.5}, z[2];
    const double v[3] = {0.7, -0.2, 1.4};
    double t_z[2], t_ret;
    measure_jvp(s, lm, z, v, t_z, &t_ret);
    std::vector<double> J = centralJacobian<double>({&s[0], &s[1], &s[2]}, 3, [&](double* o) {
      double zz[2];
      o[2] = measure(s, lm, zz);
      o[0] = zz[0];
      o[1] = zz[1];
    });
    std::vector<double> Jv = times(J, v, 3, 3);
    double jvp[3] = {t_z[0], t_z[1], t_ret};
    ok = report("measure_jvp vs central differences", worstDifference(jvp, Jv.data(), 3), 1e-7) && ok;
    double Jd[measure_jacobian_rows * measure_jacobian_cols];
    measure_jacobian(s, lm, z, Jd);
    ok = report("measure_jacobian vs central differences", worstDifference(Jd, J.data(), 9), 1e-7) && ok;
  }
  {
    float x = 0.8f, w[2] = {1.3f, -0.6f}, z[2];
    const float v[3] = {0.5f, -1.0f, 0.25f};
    float t_z[2], t_ret;
    measuref_jvp(x, w, z, v[0], v + 1, t_z, &t_ret);
    std::vector<double> J = centralJacobian<float>({&x, &w[0], &w[1]}, 3, [&](double* o) {
      float zz[2];
      o[2] = static_cast<double>(measuref(x, w, zz));
      o[0] = static_cast<double>(zz[0]);
      o[1] = static_cast<double>(zz[1]);
    }, 1e-2);
    const double vd[3] = {0.5, -1.0, 0.25};
    std::vector<double> Jv = times(J, vd, 3, 3);
    float jvp[3] = {t_z[0], t_z[1], t_ret};
    ok = report("measuref_jvp (float) vs central differences", worstDifference(jvp, Jv.data(), 3), 2e-3) && ok;
    float Jd[measuref_jacobian_rows * measuref_jacobian_cols];
    measuref_jacobian(x, w, z, Jd);
    ok = report("measuref_jacobian (float) vs central diff.", worstDifference(Jd, J.data(), 9), 2e-3) && ok;
  }
  return ok ? 0 : 1;
}
#endif
