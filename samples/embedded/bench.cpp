// Instructions executed per gradient call on the board, generated vs
// hand-written, for each probe of probe.cpp. Board only; run under QEMU with
// -icount shift=0, where the virtual clock advances 1 ns per instruction, so
// SysTick (25 MHz processor clock on mps2-an386: one tick per 40 ns) counts
// instructions in steps of 40. Each probe is called often enough that this
// step is below one instruction per call, and the cost of an empty call is
// subtracted. Prints "bench <model> <gen|hand> <instructions per call>".
#include "data.hpp"
#include "probe.hpp"

#include <stdint.h>
#include <stdio.h>

extern "C" {
float probe_mlp16_gen();
float probe_mlp16_hand();
float probe_logreg_gen();
float probe_logreg_hand();
float probe_chain_gen();
float probe_chain_hand();
float probe_mlp784_gen();
float probe_mlp784_hand();
}

namespace probe {
Mlp16 mlp16;
Logreg logreg;
Chain chain;
Mlp784 mlp784;
}  // namespace probe

namespace {

volatile uint32_t& SYST_CSR = *reinterpret_cast<volatile uint32_t*>(0xE000E010u);
volatile uint32_t& SYST_RVR = *reinterpret_cast<volatile uint32_t*>(0xE000E014u);
volatile uint32_t& SYST_CVR = *reinterpret_cast<volatile uint32_t*>(0xE000E018u);
constexpr uint32_t kInstructionsPerTick = 40;  // 1 ns per instruction, 25 MHz
constexpr uint32_t kMask = 0x00ffffffu;       // SysTick is a 24-bit down counter

__attribute__((noinline)) float Empty() {
  __asm volatile("");
  return 0.0f;
}

// Instructions for `calls` calls of f, loop included. Stays below 2^24 ticks.
uint32_t Instructions(float (*f)(), int calls) {
  const uint32_t start = SYST_CVR;
  for (int i = 0; i < calls; ++i) f();
  const uint32_t end = SYST_CVR;
  return ((start - end) & kMask) * kInstructionsPerTick;
}

void Fill() {
  using embedded_data::Fill;
  embedded_data::Rng rng{99u};
  probe::Mlp16& a = probe::mlp16;
  Fill(rng, a.W1, embedded::kW1, 0.5f);
  Fill(rng, a.b1, embedded::kB1, 0.1f);
  Fill(rng, a.W2, embedded::kW2, 0.7f);
  Fill(rng, a.b2, embedded::kB2, 0.1f);
  Fill(rng, a.x, embedded::kIn, 1.0f);
  a.label = 2;
  probe::Logreg& b = probe::logreg;
  Fill(rng, b.w, embedded::kFeatures, 1.0f);
  Fill(rng, b.X, embedded::kSamples * embedded::kFeatures, 2.0f);
  for (float& y : b.y) y = rng.Uniform() > 0.0f ? 1.0f : -1.0f;
  b.b = 0.25f;
  b.lambda = 0.01f;
  probe::Chain& c = probe::chain;
  for (int i = 0; i < embedded::kPoints; ++i) {
    c.px[i] = static_cast<float>(i) + 0.2f * rng.Uniform();
    c.py[i] = 0.3f * rng.Uniform();
  }
  c.k = 40.0f;
  c.rest = 1.0f;
  c.g = 0.5f;
  probe::Mlp784& d = probe::mlp784;
  Fill(rng, d.W1, mlp::kW1, 0.036f);  // ~1/sqrt(784)
  Fill(rng, d.W2, mlp::kW2, 0.088f);  // ~1/sqrt(128)
  for (float& v : d.x) v = 0.5f + 0.5f * rng.Uniform();
  d.t[3] = 1.0f;
}

struct Probe {
  const char* model;
  float (*gen)();
  float (*hand)();
  int calls;  // enough that 40 instructions / calls < 1
};

}  // namespace

int main() {
  Fill();
  SYST_RVR = kMask;
  SYST_CVR = 0;
  SYST_CSR = 5;  // enable, processor clock, no interrupt

  const Probe probes[] = {
      {"mlp16", probe_mlp16_gen, probe_mlp16_hand, 64},
      {"logreg", probe_logreg_gen, probe_logreg_hand, 64},
      {"chain", probe_chain_gen, probe_chain_hand, 64},
      {"mlp784", probe_mlp784_gen, probe_mlp784_hand, 4},
  };
  printf("# instructions per gradient call (QEMU -icount shift=0, SysTick)\n");
  for (const Probe& p : probes) {
    const uint32_t empty = Instructions(Empty, p.calls);
    const uint32_t gen = (Instructions(p.gen, p.calls) - empty) / static_cast<uint32_t>(p.calls);
    const uint32_t hand = (Instructions(p.hand, p.calls) - empty) / static_cast<uint32_t>(p.calls);
    printf("bench %s gen %lu\n", p.model, static_cast<unsigned long>(gen));
    printf("bench %s hand %lu\n", p.model, static_cast<unsigned long>(hand));
    if (gen == 0 || hand == 0) {
      printf("# no instructions counted: run under qemu-system-arm -icount shift=0\n");
      return 1;
    }
  }
  return 0;
}
