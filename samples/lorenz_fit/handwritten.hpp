// The gradient of model.cpp's trajectory_loss written by hand, the way it is
// usually written: a forward pass that records the whole trajectory (a full
// tape, 24 bytes a step), then the backward recurrence over it, last step
// first. With s' = s + dt/6 (k1 + 2 k2 + 2 k3 + k4), k1 = f(s),
// k2 = f(s + dt/2 k1), k3 = f(s + dt/2 k2), k4 = f(s + dt k3) and
// f = (sigma (y - x), x (rho - z) - y, x y - beta z):
//
//   a = dL/ds'  (+ 2 (s' - o) at an observation step)
//   b4 = dt/6 a                    -> s, params through k4 = f(c), c = s + dt k3
//   b3 = dt/3 a + dt J(c)^T b4     -> through k3 = f(b), b = s + dt/2 k2
//   b2 = dt/3 a + dt/2 J(b)^T b3   -> through k2 = f(a'), a' = s + dt/2 k1
//   b1 = dt/6 a + dt/2 J(a')^T b2  -> through k1 = f(s)
//   dL/ds = a + J(c)^T b4 + J(b)^T b3 + J(a')^T b2 + J(s)^T b1
//
// with J(s)^T v = (-sigma v0 + (rho - z) v1 + y v2, sigma v0 - v1 + x v2, -x v1 - beta v2)
// and the parameter part (y - x) v0, x v1, -z v2. Same convention as the
// generated trajectory_loss_grad: returns the loss, ACCUMULATES into the adjoints
// (here also dL/d(x0, y0, z0) = dL/ds at the start, which the fit does not need).
#ifndef GRADC_SAMPLES_LORENZ_FIT_HANDWRITTEN_HPP
#define GRADC_SAMPLES_LORENZ_FIT_HANDWRITTEN_HPP

#include <stddef.h>

namespace lorenz_fit_hand {

struct Vec3 {
  double x, y, z;
};

inline Vec3 Rhs(const double* p, Vec3 s) {
  return {p[0] * (s.y - s.x), s.x * (p[1] - s.z) - s.y, s.x * s.y - p[2] * s.z};
}

// One RK4 step, the operations in model.cpp's order (so Observe reproduces it).
inline Vec3 Step(const double* p, double dt, Vec3 s) {
  const Vec3 k1 = Rhs(p, s);
  const Vec3 a = {s.x + 0.5 * dt * k1.x, s.y + 0.5 * dt * k1.y, s.z + 0.5 * dt * k1.z};
  const Vec3 k2 = Rhs(p, a);
  const Vec3 b = {s.x + 0.5 * dt * k2.x, s.y + 0.5 * dt * k2.y, s.z + 0.5 * dt * k2.z};
  const Vec3 k3 = Rhs(p, b);
  const Vec3 c = {s.x + dt * k3.x, s.y + dt * k3.y, s.z + dt * k3.z};
  const Vec3 k4 = Rhs(p, c);
  return {s.x + dt / 6.0 * (k1.x + 2.0 * k2.x + 2.0 * k3.x + k4.x),
          s.y + dt / 6.0 * (k1.y + 2.0 * k2.y + 2.0 * k3.y + k4.y),
          s.z + dt / 6.0 * (k1.z + 2.0 * k2.z + 2.0 * k3.z + k4.z)};
}

// Adds J(s)^T v to *ds and the parameter part to dp[0..2].
inline void AddRhsAdjoint(const double* p, Vec3 s, Vec3 v, Vec3* ds, double* dp) {
  ds->x += -p[0] * v.x + (p[1] - s.z) * v.y + s.y * v.z;
  ds->y += p[0] * v.x - v.y + s.x * v.z;
  ds->z += -s.x * v.y - p[2] * v.z;
  dp[0] += (s.y - s.x) * v.x;
  dp[1] += s.x * v.y;
  dp[2] -= s.z * v.z;
}

// States the tape holds for `steps` steps: the initial one and one per step.
inline size_t TapeStates(int steps) { return static_cast<size_t>(steps > 0 ? steps : 0) + 1; }

// p = sigma, rho, beta; s0 = x0, y0, z0; dp accumulates dL/dp, ds0 dL/ds0;
// tape holds TapeStates(steps) states.
inline double TrajectoryLossGrad(const double* p, const double* s0, double dt, int steps, int every,
                                 const double* observed, double* dp, double* ds0, Vec3* tape) {
  tape[0] = {s0[0], s0[1], s0[2]};
  double loss = 0.0;
  for (int k = 1; k <= steps; ++k) {
    const Vec3 s = tape[k] = Step(p, dt, tape[k - 1]);
    if (k % every == 0) {
      const double* o = observed + 3 * (k / every - 1);
      const double ex = s.x - o[0], ey = s.y - o[1], ez = s.z - o[2];
      loss += ex * ex + ey * ey + ez * ez;
    }
  }
  Vec3 a = {0.0, 0.0, 0.0};  // dL/ds after step k
  for (int k = steps; k >= 1; --k) {
    if (k % every == 0) {
      const double* o = observed + 3 * (k / every - 1);
      a.x += 2.0 * (tape[k].x - o[0]);
      a.y += 2.0 * (tape[k].y - o[1]);
      a.z += 2.0 * (tape[k].z - o[2]);
    }
    // recompute the stages of step k from the state before it
    const Vec3 s = tape[k - 1];
    const Vec3 k1 = Rhs(p, s);
    const Vec3 sa = {s.x + 0.5 * dt * k1.x, s.y + 0.5 * dt * k1.y, s.z + 0.5 * dt * k1.z};
    const Vec3 k2 = Rhs(p, sa);
    const Vec3 sb = {s.x + 0.5 * dt * k2.x, s.y + 0.5 * dt * k2.y, s.z + 0.5 * dt * k2.z};
    const Vec3 k3 = Rhs(p, sb);
    const Vec3 sc = {s.x + dt * k3.x, s.y + dt * k3.y, s.z + dt * k3.z};
    // adjoints of the stages k4 .. k1, each passed back through f at its point
    Vec3 dc = {0.0, 0.0, 0.0}, db = dc, da = dc;
    const Vec3 b4 = {dt / 6.0 * a.x, dt / 6.0 * a.y, dt / 6.0 * a.z};
    AddRhsAdjoint(p, sc, b4, &dc, dp);
    const Vec3 b3 = {dt / 3.0 * a.x + dt * dc.x, dt / 3.0 * a.y + dt * dc.y, dt / 3.0 * a.z + dt * dc.z};
    AddRhsAdjoint(p, sb, b3, &db, dp);
    const Vec3 b2 = {dt / 3.0 * a.x + 0.5 * dt * db.x, dt / 3.0 * a.y + 0.5 * dt * db.y,
                     dt / 3.0 * a.z + 0.5 * dt * db.z};
    AddRhsAdjoint(p, sa, b2, &da, dp);
    const Vec3 b1 = {dt / 6.0 * a.x + 0.5 * dt * da.x, dt / 6.0 * a.y + 0.5 * dt * da.y,
                     dt / 6.0 * a.z + 0.5 * dt * da.z};
    Vec3 ds = {a.x + dc.x + db.x + da.x, a.y + dc.y + db.y + da.y, a.z + dc.z + db.z + da.z};
    AddRhsAdjoint(p, s, b1, &ds, dp);
    a = ds;
  }
  ds0[0] += a.x;
  ds0[1] += a.y;
  ds0[2] += a.z;
  return loss;
}

// observed[3 (j - 1) ..] = the state after j * every RK4 steps from s0 with
// the parameters p, j = 1 .. steps / every: what the fit is fitted to.
inline void Observe(const double* p, const double* s0, double dt, int steps, int every, double* observed) {
  Vec3 s = {s0[0], s0[1], s0[2]};
  for (int k = 1; k <= steps; ++k) {
    s = Step(p, dt, s);
    if (k % every == 0) {
      double* o = observed + 3 * (k / every - 1);
      o[0] = s.x;
      o[1] = s.y;
      o[2] = s.z;
    }
  }
}

}  // namespace lorenz_fit_hand

#endif  // GRADC_SAMPLES_LORENZ_FIT_HANDWRITTEN_HPP
