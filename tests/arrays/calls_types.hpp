// Structs for tests/arrays/calls.cpp: in a header, where a model's parameter
// types live, so the generated header sees them through the same include.
#ifndef GRADC_TESTS_ARRAYS_CALLS_TYPES_HPP
#define GRADC_TESTS_ARRAYS_CALLS_TYPES_HPP

namespace calls {

template <int In, int Out>
struct Dense {
  double W[Out][In];
  double b[Out];
};

struct Net {
  Dense<3, 4> l1;
  Dense<4, 2> l2;
  double scale;
  int unused_count;
};

struct Particle {
  double x, v;
  int id;
};

struct Spring {
  double k;
  double rest;
};

}  // namespace calls

#endif
