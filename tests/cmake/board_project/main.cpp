// On the board: fit_loss's generated gradient against central differences of
// fit_loss (fit_gradcheck, written by gradc --emit-check), reported over
// semihosting; main's return value is the test's exit status.
#include "model.grad.hpp"
#include "model.hpp"

#include <gradc/check.h>

int main() {
  float t[16], y[16];
  for (int i = 0; i < 16; ++i) {
    t[i] = 0.25f * static_cast<float>(i);
    y[i] = 1.5f * std::exp(-0.3f * t[i]) * std::sin(2.0f * t[i]);
  }
  float p[3] = {1.2f, 0.5f, 1.8f};
  gradc::GradCheck r = fit_loss_gradcheck(p, t, y, 16);
  gradc::print_report("fit", r, gradc::check_tolerance<float>());
  return gradc::passed<float>(r) ? 0 : 1;
}
