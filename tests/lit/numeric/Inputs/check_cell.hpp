#pragma once
// For gradcheck_structs_templates.cpp: a struct with a 2-D member array, a
// 1-D one, a scalar and an integer member (not checked: not differentiable).
struct Cell {
  double W[2][3];
  double b[2];
  double gain;
  int unused_count;
};
