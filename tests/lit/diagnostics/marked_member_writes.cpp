// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A marked member function's gradient takes its object as `const S& self`:
// one that writes a member of the object is rejected, naming the member.
#include <gradc/gradc.h>

struct Acc {
  double acc = 0, w = 2;
  GRADC_GRAD double accumulate(double i, double j) {
    // CHECK: marked_member_writes.cpp:[[@LINE+1]]:5: error: 'Acc::accumulate' writes the member 'acc' of its object, which a differentiated member function cannot do yet (its gradient takes the object as 'const S& self'); compute into a local and return it, or make it a function at namespace scope that takes the members it changes by pointer
    acc = i * j;
    return acc * w;
  }
  GRADC_GRAD double bump(double i) {
    // CHECK: marked_member_writes.cpp:[[@LINE+1]]:13: error: 'Acc::bump' writes the member 'w' of its object
    ++this->w;
    return i * w;
  }
};

struct Nested {
  struct In {
    double v[2];
  } in;
  GRADC_GRAD double set(double x) {
    // CHECK: marked_member_writes.cpp:[[@LINE+1]]:16: error: 'Nested::set' writes the member 'in.v' of its object
    (*this).in.v[1] *= x;
    return in.v[0] * x;
  }
};

GRADC_GRAD double ok(double x) { return x * x; }
// CHECK-NOT: error:
