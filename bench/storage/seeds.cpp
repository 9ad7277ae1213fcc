// Out-of-line copies of the hand-written and the generated gradients, built
// with -fstack-usage (bench/CMakeLists.txt): bench/run.sh reads each one's
// frame size, the stack it keeps for the reverse sweep. Taking the addresses
// makes the compiler emit the inline functions' bodies.
// keep_<kind>_<case>: <case> as in the benchmark names (bench/gradc_bench.hpp).
#include "model.cpp"

#include "handwritten.hpp"
#include "model.grad.hpp"

auto* volatile keep_handwritten_sigmoid_neuron = &seeds_hand::sigmoid_neuron_grad;
auto* volatile keep_gradc_sigmoid_neuron = &seeds::sigmoid_neuron_grad;
auto* volatile keep_handwritten_add_mul = &seeds_hand::add_mul_grad;
auto* volatile keep_gradc_add_mul = &seeds::add_mul_grad;
auto* volatile keep_handwritten_sigmoid_ratio = &seeds_hand::sigmoid_ratio_grad;
auto* volatile keep_gradc_sigmoid_ratio = &seeds::sigmoid_ratio_grad;
auto* volatile keep_handwritten_log_mul_sin = &seeds_hand::log_mul_sin_grad;
auto* volatile keep_gradc_log_mul_sin = &seeds::log_mul_sin_grad;
