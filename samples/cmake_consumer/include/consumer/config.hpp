// Settings shared by the model and the program. Found through the target's
// include directories; gradc_add_gradient hands gradc the same directories.
#ifndef CONSUMER_CONFIG_HPP
#define CONSUMER_CONFIG_HPP

// CMakeLists.txt sets the temperature with target_compile_definitions:
// gradc_add_gradient passes the target's definitions to gradc too.
#ifndef CONSUMER_TEMPERATURE
#error "CONSUMER_TEMPERATURE is not defined: the build sets it (target_compile_definitions)"
#endif

namespace consumer {

constexpr double kTemperature = CONSUMER_TEMPERATURE;

}  // namespace consumer

#endif  // CONSUMER_CONFIG_HPP
