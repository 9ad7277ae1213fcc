// The determinant by minors as its definition reads (recursive Laplace
// expansion along the first row). gradc rejects it: recursion. Kept to record
// the diagnostic; bench/adbench/det.cpp is the form gradc accepts.
#include <gradc/gradc.h>

namespace adb_det_natural {

constexpr int kMaxN = 12;

GRADC_GRAD
double det(const double* a, int n) {
  if (n == 1) return a[0];
  double sum = 0.0, sign = 1.0;
  for (int j = 0; j < n; ++j) {
    double minor[(kMaxN - 1) * (kMaxN - 1)];
    for (int r = 1; r < n; ++r)
      for (int c = 0, mc = 0; c < n; ++c)
        if (c != j) minor[(r - 1) * (n - 1) + mc++] = a[r * n + c];
    sum += sign * a[j] * det(minor, n - 1);
    sign = -sign;
  }
  return sum;
}

}  // namespace adb_det_natural
