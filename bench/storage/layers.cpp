// Out-of-line copies of the hand-written and the generated gradients, built
// with -fstack-usage (bench/CMakeLists.txt): bench/run.sh reads each one's
// frame size. keep_<kind>_<case>: <case> as in the benchmark names.
#include "model.cpp"

#include "handwritten.hpp"
#include "model.grad.hpp"

auto* volatile keep_handwritten_loss = &layers::loss_backprop;
auto* volatile keep_gradc_loss = &layers::loss_grad;
