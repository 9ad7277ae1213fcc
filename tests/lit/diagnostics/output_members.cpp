// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// Members of a struct parameter the function writes are outputs
// (numeric/values_output_members.cpp), written only: one also read is an
// in-out value, rejected naming it.
#include <gradc/gradc.h>

struct Vec2 {
  double x, y;
};

GRADC_GRAD
void update(double x, Vec2* s) {
  // CHECK: output_members.cpp:[[@LINE+1]]:6: error: updating the output member 's->x' in place (it would be read, then overwritten: compute the new value in a local, then assign it)
  s->x += x;
}

GRADC_GRAD
void read_then_write(double x, Vec2& s) {
  double t = s.y * x;
  // CHECK: output_members.cpp:[[@LINE+1]]:5: error: writing the member 's.y', which the function also reads (an in-out value: read the input from another parameter)
  s.y = t;
}

GRADC_GRAD
double write_then_read(double x, Vec2* s) {
  s->x = x * x;
  // CHECK: output_members.cpp:[[@LINE+1]]:13: error: reading the member 'x' of 's', which the function writes (an output: keep the value in a local and read that)
  return s->x * 2;
}
