// Deterministic numbers for the embedded sample, the same on every platform:
// a 32-bit LCG, and uniform floats made from its bits by exact operations.
// The training set is built at compile time (constexpr), so it is compiled
// into the firmware's read-only data.
#ifndef GRADC_SAMPLES_EMBEDDED_DATA_HPP
#define GRADC_SAMPLES_EMBEDDED_DATA_HPP

#include "models.hpp"

#include <stdint.h>

namespace embedded_data {

struct Rng {
  uint32_t state;
  constexpr uint32_t Next() {
    state = state * 1664525u + 1013904223u;  // Numerical Recipes' LCG
    return state;
  }
  // Uniform in [-1, 1) on a 2^-23 grid: the conversion and scaling are exact.
  constexpr float Uniform() {
    return static_cast<float>(static_cast<int32_t>(Next() >> 8) - 0x800000) * (1.0f / 8388608.0f);
  }
};

// kPerClass noisy copies of kClasses random prototypes in [-1, 1]^kIn; the
// label is the prototype's index. Examples are interleaved by class.
constexpr int kPerClass = 16;
constexpr int kExamples = kPerClass * embedded::kClasses;
constexpr float kNoise = 0.6f;

struct TrainSet {
  float x[kExamples][embedded::kIn];
  int label[kExamples];
};

constexpr TrainSet MakeTrainSet() {
  TrainSet set{};
  Rng rng{2024u};
  float proto[embedded::kClasses][embedded::kIn]{};
  for (auto& p : proto)
    for (float& v : p) v = rng.Uniform();
  for (int n = 0; n < kExamples; ++n) {
    const int c = n % embedded::kClasses;
    set.label[n] = c;
    for (int i = 0; i < embedded::kIn; ++i) set.x[n][i] = proto[c][i] + kNoise * rng.Uniform();
  }
  return set;
}

inline constexpr TrainSet kTrainSet = MakeTrainSet();

// Fills v[0..n) with scale * Uniform().
inline void Fill(Rng& rng, float* v, int n, float scale) {
  for (int i = 0; i < n; ++i) v[i] = scale * rng.Uniform();
}

}  // namespace embedded_data

#endif  // GRADC_SAMPLES_EMBEDDED_DATA_HPP
