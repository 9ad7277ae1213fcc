#pragma once
// A struct with a member function, for nondiff_and_methods.cpp.
struct Lin {
  double w[3];
  double b;
  double apply(const double* x) const {
    double s = b;
    for (int i = 0; i < 3; ++i) s += w[i] * x[i];
    return s;
  }
};
