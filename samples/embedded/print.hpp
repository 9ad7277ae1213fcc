// Output shared by the host and board programs. Every float is printed as its
// bit pattern (what the host/board comparison reads) and in decimal (for
// people); a line starting with '#' differs between platforms and is not
// compared. Float -> double for printf is explicit: -Wdouble-promotion.
#ifndef GRADC_SAMPLES_EMBEDDED_PRINT_HPP
#define GRADC_SAMPLES_EMBEDDED_PRINT_HPP

#include <stdint.h>
#include <stdio.h>
#include <string.h>

namespace embedded_print {

inline unsigned long Bits(float v) {
  uint32_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

// "<name> <bits> <decimal>", e.g. "mlp.loss 3fb17218 1.38629436"
inline void Value(const char* name, float v) {
  printf("%s %08lx %.9g\n", name, Bits(v), static_cast<double>(v));
}

// "<name>[<i>] <bits> <decimal>" for each element
inline void Array(const char* name, const float* v, int n) {
  for (int i = 0; i < n; ++i) printf("%s[%d] %08lx %.9g\n", name, i, Bits(v[i]), static_cast<double>(v[i]));
}

inline void Banner(const char* program) {
#if defined(__arm__)
  const char* where = "board (Cortex-M4F)";
#else
  const char* where = "host";
#endif
#if defined(GRADC_PORTABLE_MATH) && GRADC_PORTABLE_MATH
  const char* math = "gradc/portable_math.h";
#else
  const char* math = "platform libm";
#endif
  printf("# %s on the %s, math: %s\n", program, where, math);
}

}  // namespace embedded_print

#endif  // GRADC_SAMPLES_EMBEDDED_PRINT_HPP
