// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Local arrays of structs are lowered as one array per member
// (tests/lit/numeric/struct_array_local.cpp, tests/lit/natural/nat_hand_array.cpp);
// what cannot be is rejected, naming the construct.
#include <gradc/gradc.h>

struct Link {
  const double* w;  // a pointer member: its elements live elsewhere
  double b;
};

struct P {
  double x, y;
};

static void bump(P* p, double s) { p->x += s; }

GRADC_GRAD
double pointer_member(const double* u) {
  // CHECK: struct_array_rejected.cpp:[[@LINE+1]]:8: error: 'links' is an array of structs ('Link[2]') that a differentiated function cannot hold: its elements are structs with a member 'w' of type 'const double *'; keep the members in arrays of their own
  Link links[2];
  links[0].b = u[0];
  return links[0].b;
}

GRADC_GRAD
double two_dimensions(const double* u) {
  // CHECK: struct_array_rejected.cpp:[[@LINE+1]]:5: error: 'grid' is an array of structs ('P[2][2]') that a differentiated function cannot hold: it has more than one dimension (declare 'P grid[N * M]' and index it 'i * M + j')
  P grid[2][2];
  grid[0][0].x = u[0];
  return grid[0][0].x;
}

GRADC_GRAD
double element_pointer(const double* u) {
  P pts[2] = {{u[0], u[1]}, {u[1], u[0]}};
  // CHECK: struct_array_rejected.cpp:[[@LINE+1]]:8: error: {{.*}}passing '&pts[0]' to parameter 'p' of 'bump' (an element of an array of structs goes to a reference or by value, not to a pointer (the helper could step to another element): take 'S& p' or pass the array's members)
  bump(&pts[0], u[0]);
  return pts[0].x * pts[1].y;
}

static double first_x(const P* ps) { return ps[0].x; }

GRADC_GRAD
double passed_whole(const double* u) {
  P pts[2] = {{u[0], u[1]}, {u[1], u[0]}};
  // CHECK: struct_array_rejected.cpp:[[@LINE+1]]:18: error: {{.*}}passing 'pts' to parameter 'ps' of 'first_x' (a local array of structs is not passed whole; pass its elements, 'a[i]', or keep the members in arrays of their own)
  return first_x(pts);
}

GRADC_GRAD
double captured_by_value(const double* u) {
  P pts[2] = {{u[0], u[1]}, {u[1], u[0]}};
  // CHECK: struct_array_rejected.cpp:[[@LINE+1]]:32: error: an array of structs captured by value (capture it by reference: '[&pts]')
  auto f = [=](int i) { return pts[i].x; };
  return f(0);
}
