// A local array of structs is one local array per member, named for them
// (`pts_x`, `pts_v`; adjoints `d_pts_x`): structure of arrays. Element i's
// array member is at i * its length (`pts_v[i * 2]`); an element passed to a
// helper by const reference is the element itself (`pts_x[i - 1]` in the
// helper), a struct local copied from an element copies its members; nothing
// of the struct is left.
// RUN: %gradc %s -o %t.hpp -- %flags
// RUN: %cxx-check %t.hpp
// RUN: %FileCheck %s < %t.hpp
#include <gradc/gradc.h>

// CHECK-LABEL: inline double spread_grad(
// CHECK-DAG: double pts_v[6];
// CHECK-DAG: double pts_y[3];
// CHECK-DAG: double pts_x[3];
// CHECK: pts_x[i] = u[i];
// CHECK-NEXT: // line {{[0-9]+}}: pts[i].y = u[i] * u[i]
// CHECK-NEXT: pts_y[i] = u[i] * u[i];
// CHECK: pts_v[i * 2] = u[i] + 1.0;
// CHECK: pts_v[i * 2 + 1] = pts_x[i] * pts_v[i * 2];
// CHECK: double dot = pts_x[i - 1] * pts_x[i] + pts_y[i - 1] * pts_y[i];
// CHECK-NEXT: // line {{[0-9]+}}: s += dot(pts[i - 1], pts[i]) + pts[i].v[1]
// CHECK-NEXT: s = s + (dot + pts_v[i * 2 + 1]);
// CHECK: double last_x = pts_x[2];
// CHECK: last_v[k0] = pts_v[4 + k0];
// CHECK: d_pts_v[4 + k0] += d_last_v[k0];
// CHECK: double d_pts_x[3] = {};
// CHECK: d_pts_x[i - 1] += pts_x[i];
// CHECK-NOT: {{^ *P }}
// CHECK: return spread;

struct P {
  double x, y;
  double v[2];
};

static double dot(const P& p, const P& q) { return p.x * q.x + p.y * q.y; }

GRADC_GRAD
double spread(const double* u) {
  P pts[3];
  for (int i = 0; i < 3; ++i) {
    pts[i].x = u[i];
    pts[i].y = u[i] * u[i];
    pts[i].v[0] = u[i] + 1.0;
    pts[i].v[1] = pts[i].x * pts[i].v[0];
  }
  double s = 0;
  for (int i = 1; i < 3; ++i) s += dot(pts[i - 1], pts[i]) + pts[i].v[1];
  P last = pts[2];
  return s + last.x * last.v[1];
}
