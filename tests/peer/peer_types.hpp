#pragma once
// Types the peer-style corpus passes as parameters. gradc needs a parameter's
// struct in a header the generated code can include; the peers' tests define
// theirs in the test file, which is the only change made for gradc. Each has a
// peer_each listing its floating members, for run_peer.py's check main.
#include <array>
#include <utility>

struct Vec2 {
  double x, y;
};
struct Vec3 {
  double x, y, z;
};
struct Tangent {
  double data[4];
};
// A mixed struct, as in the peers' tests: floating and integer members.
struct Sample {
  double value;
  int count;
  double weight;
};
struct Particle {
  double pos[2];
  double vel[2];
  double mass;
};
struct Affine {
  double a, b;
  double eval(double t) const { return a * t + b; }
};
struct FloatPair {
  float first, second;
};
struct Layer {
  double w[3][2];
  double b[3];
};

template <class F>
void peer_each(Vec2& v, F&& f) {
  f(v.x);
  f(v.y);
}
template <class F>
void peer_each(Vec3& v, F&& f) {
  f(v.x);
  f(v.y);
  f(v.z);
}
template <class F>
void peer_each(Tangent& t, F&& f) {
  for (double& d : t.data) f(d);
}
template <class F>
void peer_each(Sample& s, F&& f) {
  f(s.value);
  f(s.weight);
}
template <class F>
void peer_each(Particle& p, F&& f) {
  for (double& d : p.pos) f(d);
  for (double& d : p.vel) f(d);
  f(p.mass);
}
template <class F>
void peer_each(Affine& a, F&& f) {
  f(a.a);
  f(a.b);
}
template <class F>
void peer_each(FloatPair& p, F&& f) {
  f(p.first);
  f(p.second);
}
template <class F>
void peer_each(Layer& l, F&& f) {
  for (auto& row : l.w)
    for (double& d : row) f(d);
  for (double& d : l.b) f(d);
}
