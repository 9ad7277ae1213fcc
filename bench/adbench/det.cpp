// The determinant by minors (GradBench "det"; CppAD's det_by_minor): Laplace
// expansion along the first row,
//   det(A) = sum_j (-1)^j a_0j det(minor_0j(A)),   det of a 1x1 = a_00.
// The definition is recursive; gradc rejects recursion (see
// rejected/det_natural_rejected.cpp) and its diagnostic suggests the depth as
// a template parameter, which is how this is written: det_minor<N> calls
// det_minor<N - 1> on each minor, copied into a local array.
#include <gradc/gradc.h>

namespace adb_det {

template <int N>
double det_minor(const double* a) {
  if constexpr (N == 1) {
    return a[0];
  } else {
    double sum = 0.0, sign = 1.0;
    for (int j = 0; j < N; ++j) {
      double minor[(N - 1) * (N - 1)];
      for (int r = 1; r < N; ++r) {
        int mc = 0;
        for (int c = 0; c < N; ++c)
          if (c != j) {
            minor[(r - 1) * (N - 1) + mc] = a[r * N + c];
            ++mc;
          }
      }
      sum += sign * a[j] * det_minor<N - 1>(minor);
      sign = -sign;
    }
    return sum;
  }
}

GRADC_GRAD
double det4(const double* a) { return det_minor<4>(a); }

GRADC_GRAD
double det7(const double* a) { return det_minor<7>(a); }

GRADC_GRAD
double det9(const double* a) { return det_minor<9>(a); }

}  // namespace adb_det
