// Out-of-line copies of the hand-written and the generated gradients, built
// with -fstack-usage (bench/CMakeLists.txt): bench/run.sh reads each one's
// frame size, the stack it keeps for the reverse sweep. Taking the addresses
// makes the compiler emit the inline functions' bodies.
// keep_<kind>_<case>: <case> as in the benchmark names (bench/gradc_bench.hpp).
// The work buffers both take are counted apart (ode/bench.cpp's work_bytes).
#include "model.cpp"

#include "handwritten.hpp"
#include "model.grad.hpp"

auto* volatile keep_handwritten_lorenz_loss = &ode_hand::lorenz_loss_grad;
auto* volatile keep_gradc_lorenz_loss = &ode::lorenz_loss_grad;
