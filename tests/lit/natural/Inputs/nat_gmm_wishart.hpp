#pragma once
// The Wishart prior's parameters, as ADBench's GMM passes them (by value).
namespace gmm {
struct Wishart {
  double gamma;
  int m;
};
}  // namespace gmm
