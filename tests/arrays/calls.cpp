// Array corpus: calls into functions that are not marked, and struct
// parameters. Unmarked callees are inlined into the caller's gradient:
// scalar helpers (called twice: the adjoints of a fork add up), helpers with
// an early return, void helpers writing output arrays and non-const
// references, overloads, namespaced and static functions, and layers over
// template structs read through const references and pointers.
#include <gradc/gradc.h>

#include <cmath>

#include "calls_types.hpp"

namespace calls {

static double sq(double v) { return v * v; }
static double sq(double v, double k) { return k * v * v; }  // an overload

inline double softplus(double v) {
  if (v > 20.0) return v;  // early return: exp would overflow the sum
  return std::log1p(std::exp(v));
}

namespace detail {
double smooth_abs(double v, double eps) { return std::sqrt(v * v + eps); }
}  // namespace detail

// Scalar helpers, one called twice and once in a loop.
GRADC_GRAD
double scalar_helpers(double x, double y) {
  double a = sq(x) + sq(x * y);
  double s = 0.0;
  for (int i = 0; i < 4; ++i) s += softplus(a - 2.0 * i + y);
  return s + detail::smooth_abs(x - y, 1e-3) + sq(y, 0.25);
}

// A void helper writing an array, a non-const reference output.
static void polar(double r, double t, double& px, double& py) {
  px = r * std::cos(t);
  py = r * std::sin(t);
}

static void affine(const double* w, const double* x, double* out, int n) {
  for (int i = 0; i < n; ++i) out[i] = w[i] * x[i] + 0.5 * w[i];
}

GRADC_GRAD_WRT(w, r)
double outputs_through_calls(const double* w, double r) {
  double px = 0.0, py = 0.0;
  polar(r, w[0], px, py);
  double x[3];
  x[0] = px;
  x[1] = py;
  x[2] = px * py;
  double y[3];
  affine(w, x, y, 3);
  return y[0] * y[1] + std::sin(y[2]);
}

// Layers over structs: nested members, 2-D member arrays, a template struct.
template <int In, int Out>
static void dense_tanh(const Dense<In, Out>& L, const double* x, double* y) {
  for (int j = 0; j < Out; ++j) {
    double a = L.b[j];
    for (int i = 0; i < In; ++i) a += L.W[j][i] * x[i];
    y[j] = std::tanh(a);
  }
}

GRADC_GRAD_WRT(net)
double network(const Net& net, const double* x) {
  double h[4];
  dense_tanh(net.l1, x, h);
  double z[2];
  dense_tanh(net.l2, h, z);
  return net.scale * (sq(z[0]) + sq(z[1] - 0.5));
}

// A struct through a pointer, and an array of scalars beside it.
GRADC_GRAD
double spring_energy(const Spring* s, const double* pos, int n) {
  double e = 0.0;
  for (int i = 0; i < n - 1; ++i) {
    double d = detail::smooth_abs(pos[i + 1] - pos[i], 1e-6) - s->rest;
    e += 0.5 * s->k * sq(d);
  }
  return e;
}

// An array of structs, passed on to a helper.
static double kinetic(const Particle* ps, int n) {
  double e = 0.0;
  for (int i = 0; i < n; ++i) e += 0.5 * ps[i].v * ps[i].v;
  return e;
}

GRADC_GRAD_WRT(ps, k)
double particle_energy(const Particle* ps, int n, double k) {
  double e = kinetic(ps, n);
  for (int i = 0; i < n; ++i) e += k * std::cos(ps[i].x) * ps[i].v;
  return e;
}

// A marked template: one gradient per instantiation (here explicit ones).
template <class T>
GRADC_GRAD_WRT(w)
T tanh_loss(const T* w, const T* x, int n) {
  T s = T(0);
  for (int i = 0; i < n; ++i) s += std::tanh(w[i] * x[i]);
  return s * s;
}
template float tanh_loss<float>(const float*, const float*, int);
template double tanh_loss<double>(const double*, const double*, int);

}  // namespace calls

#ifdef GRADC_CORPUS_TEST
#include GRADC_GRAD_HEADER
#include "arraycheck.hpp"

namespace {

// Net <-> one flat vector, in member order.
constexpr int kNetSize = 4 * 3 + 4 + 2 * 4 + 2 + 1;
const double input[3] = {0.3, -0.7, 0.9};  // network's x, not differentiated
const float xf[5] = {0.5f, -1.0f, 0.25f, 2.0f, -0.75f};  // tanh_loss's x
const double xd[5] = {0.5, -1.0, 0.25, 2.0, -0.75};

void unpack(const std::vector<double>& v, calls::Net& n) {
  const double* p = v.data();
  for (auto& row : n.l1.W) for (double& e : row) e = *p++;
  for (double& e : n.l1.b) e = *p++;
  for (auto& row : n.l2.W) for (double& e : row) e = *p++;
  for (double& e : n.l2.b) e = *p++;
  n.scale = *p++;
  n.unused_count = 7;
}

void pack(const calls::Net& n, std::vector<double>& v) {
  double* p = v.data();
  for (auto& row : n.l1.W) for (double e : row) *p++ = e;
  for (double e : n.l1.b) *p++ = e;
  for (auto& row : n.l2.W) for (double e : row) *p++ = e;
  for (double e : n.l2.b) *p++ = e;
  *p++ = n.scale;
}

}  // namespace

int main() {
  using arraycheck::check;
  using namespace calls;
  check<double>("scalar_helpers", {{"x", 1, -1.5, 1.5}, {"y", 1, -1.5, 1.5}},
      [](const auto& x) { return scalar_helpers(x[0][0], x[1][0]); },
      [](const auto& x, auto& d) { return scalar_helpers_grad(x[0][0], x[1][0], &d[0][0], &d[1][0]); },
      [](const auto& x, auto s, auto& d) { scalar_helpers_pullback(x[0][0], x[1][0], s, &d[0][0], &d[1][0]); });
  check<double>("outputs_through_calls", {{"w", 3, -1.5, 1.5}, {"r", 1, 0.2, 2}},
      [](const auto& x) { return outputs_through_calls(x[0].data(), x[1][0]); },
      [](const auto& x, auto& d) { return outputs_through_calls_grad(x[0].data(), x[1][0], d[0].data(), &d[1][0]); },
      [](const auto& x, auto s, auto& d) { outputs_through_calls_pullback(x[0].data(), x[1][0], s, d[0].data(), &d[1][0]); });
  // The struct's adjoint is a Net: the lambdas copy it in and out of the flat vectors.
  check<double>("network", {{"net", kNetSize, -1, 1}},
      [](const auto& x) {
        Net n;
        unpack(x[0], n);
        return network(n, input);
      },
      [](const auto& x, auto& d) {
        Net n, dn;
        unpack(x[0], n);
        unpack(d[0], dn);
        double value = network_grad(n, input, &dn);
        pack(dn, d[0]);
        return value;
      },
      [](const auto& x, auto s, auto& d) {
        Net n, dn;
        unpack(x[0], n);
        unpack(d[0], dn);
        network_pullback(n, input, s, &dn);
        pack(dn, d[0]);
      });
  check<double>("spring_energy", {{"s", 2, 0.5, 2}, {"pos", 6, -2, 2}},
      [](const auto& x) {
        Spring s{x[0][0], x[0][1]};
        return spring_energy(&s, x[1].data(), 6);
      },
      [](const auto& x, auto& d) {
        Spring s{x[0][0], x[0][1]}, ds{d[0][0], d[0][1]};
        double value = spring_energy_grad(&s, x[1].data(), 6, &ds, d[1].data());
        d[0][0] = ds.k;
        d[0][1] = ds.rest;
        return value;
      },
      [](const auto& x, auto sd, auto& d) {
        Spring s{x[0][0], x[0][1]}, ds{d[0][0], d[0][1]};
        spring_energy_pullback(&s, x[1].data(), 6, sd, &ds, d[1].data());
        d[0][0] = ds.k;
        d[0][1] = ds.rest;
      });
  // Particles <-> (x, v) pairs in one vector.
  check<double>("particle_energy", {{"ps", 8, -2, 2}, {"k", 1, 0.5, 2}},
      [](const auto& x) {
        Particle ps[4];
        for (int i = 0; i < 4; ++i) ps[i] = {x[0][2 * i], x[0][2 * i + 1], i};
        return particle_energy(ps, 4, x[1][0]);
      },
      [](const auto& x, auto& d) {
        Particle ps[4], dps[4];
        for (int i = 0; i < 4; ++i) ps[i] = {x[0][2 * i], x[0][2 * i + 1], i}, dps[i] = {d[0][2 * i], d[0][2 * i + 1], 0};
        double value = particle_energy_grad(ps, 4, x[1][0], dps, &d[1][0]);
        for (int i = 0; i < 4; ++i) d[0][2 * i] = dps[i].x, d[0][2 * i + 1] = dps[i].v;
        return value;
      },
      [](const auto& x, auto s, auto& d) {
        Particle ps[4], dps[4];
        for (int i = 0; i < 4; ++i) ps[i] = {x[0][2 * i], x[0][2 * i + 1], i}, dps[i] = {d[0][2 * i], d[0][2 * i + 1], 0};
        particle_energy_pullback(ps, 4, x[1][0], s, dps, &d[1][0]);
        for (int i = 0; i < 4; ++i) d[0][2 * i] = dps[i].x, d[0][2 * i + 1] = dps[i].v;
      });
  check<float>("tanh_loss<float>", {{"w", 5, -1, 1}},
      [](const auto& x) { return tanh_loss(x[0].data(), xf, 5); },
      [](const auto& x, auto& d) { return tanh_loss_grad(x[0].data(), xf, 5, d[0].data()); },
      [](const auto& x, auto s, auto& d) { tanh_loss_pullback(x[0].data(), xf, 5, s, d[0].data()); });
  check<double>("tanh_loss<double>", {{"w", 5, -1, 1}},
      [](const auto& x) { return tanh_loss(x[0].data(), xd, 5); },
      [](const auto& x, auto& d) { return tanh_loss_grad(x[0].data(), xd, 5, d[0].data()); },
      [](const auto& x, auto s, auto& d) { tanh_loss_pullback(x[0].data(), xd, 5, s, d[0].data()); });
  return arraycheck::report();
}
#endif
