#pragma once
// For views_callee_views.cpp: a struct with a member array viewed as `&L.W[3 * j]`.
struct Layer {
  double W[6];
  double b;
};
