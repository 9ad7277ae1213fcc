// Out-of-line copies of the hand-written and the generated gradients, built
// with -fstack-usage (bench/CMakeLists.txt): bench/run.sh reads each one's
// frame size, the stack it keeps for the reverse sweep. Taking the addresses
// makes the compiler emit the inline functions' bodies.
// keep_<kind>_<case>: <case> as in the benchmark names (bench/gradc_bench.hpp).
#include "model.cpp"

#include "handwritten.hpp"
#include "model.grad.hpp"

auto* volatile keep_handwritten_loss = &residual_block_hand::loss_grad;
auto* volatile keep_gradc_loss = &residual_block::loss_grad;
auto* volatile keep_handwritten_block = &residual_block_hand::block_pullback;
auto* volatile keep_gradc_block = &residual_block::block_pullback;
