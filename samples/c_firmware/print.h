/* Output shared by the host and the board (samples/embedded/print.hpp's
 * format, which samples/embedded/compare.cpp reads): "<name> <bits> <decimal>"
 * per float; lines starting with '#' are not compared. The float -> double
 * conversion for printf is explicit (-Wdouble-promotion). */
#ifndef C_FIRMWARE_PRINT_H
#define C_FIRMWARE_PRINT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static inline unsigned long print_bits(float v) {
  uint32_t b;
  memcpy(&b, &v, sizeof b);
  return (unsigned long)b;
}

static inline void print_value(const char* name, float v) {
  printf("%s %08lx %.9g\n", name, print_bits(v), (double)v);
}

static inline void print_array(const char* name, const float* v, int n) {
  for (int i = 0; i < n; ++i) printf("%s[%d] %08lx %.9g\n", name, i, print_bits(v[i]), (double)v[i]);
}

#endif
