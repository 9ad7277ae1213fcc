// The gradient check as a test: consumer::logistic_loss_gradcheck (written by
// gradc --emit-check, see gradc_add_gradcheck in CMakeLists.txt) at a few
// points, for a positive and a negative label.
#include "model.grad.hpp"
#include "model.hpp"

#include <gradc/check.h>

int main() {
  struct Point {
    double w0, w1, b, x0, x1, y;
  };
  const Point points[] = {{0.75, -1.5, 0.25, 1.2, 0.4, 1.0}, {-2.0, 0.5, 1.0, 0.3, -0.8, -1.0}, {0, 0, 0, 1, 1, 1}};
  int failures = 0;
  for (const Point& p : points) {
    gradc::GradCheck r = consumer::logistic_loss_gradcheck(p.w0, p.w1, p.b, p.x0, p.x1, p.y);
    gradc::print_report("logistic_loss", r, gradc::check_tolerance<double>());
    failures += gradc::passed<double>(r) ? 0 : 1;
  }
  return failures;
}
