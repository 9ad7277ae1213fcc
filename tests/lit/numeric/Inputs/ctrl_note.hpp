#pragma once
// A logger the generated header calls by name (GRADC_NONDIFF, void): it
// counts its calls, so a test sees how often the gradient ran it.
#include <gradc/gradc.h>

inline int g_notes = 0;
inline double g_last = 0;

GRADC_NONDIFF
inline void note(int i, double v) {
  ++g_notes;
  g_last = v + i;
}
