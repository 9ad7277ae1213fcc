// Output shared by the host and board runs of train.cpp: every double as its
// bit pattern (what the comparison reads) and in decimal (for people); a line
// starting with '#' may differ between platforms and is not compared.
#ifndef GRADC_SAMPLES_LORENZ_FIT_PRINT_HPP
#define GRADC_SAMPLES_LORENZ_FIT_PRINT_HPP

#include <stdint.h>
#include <stdio.h>
#include <string.h>

namespace lorenz_fit_print {

// "<name> <16 hex digits> <decimal>", e.g. "loss[0] 4093e6b4d5a3b5c1 1273.7..."
inline void Value(const char* name, double v) {
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  // two halves: newlib-nano and friends may lack %llx
  printf("%s %08lx%08lx %.9g\n", name, static_cast<unsigned long>(b >> 32),
         static_cast<unsigned long>(b & 0xffffffffu), v);
}

}  // namespace lorenz_fit_print

#endif  // GRADC_SAMPLES_LORENZ_FIT_PRINT_HPP
