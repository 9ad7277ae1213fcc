// Another struct named Params (tests/lit/numeric/struct_in_source.cpp): a
// header generated for a different one must not compile after it.
struct Params {
  float w, b;
};
struct Wishart {
  double gamma;
  int m;
};
