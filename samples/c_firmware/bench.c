/* Instructions per gradient call on the board, gradc's C99 output vs its C++
 * output of the same model (samples/embedded/bench.cpp's method): under QEMU
 * with -icount shift=0 SysTick counts one tick per 40 instructions; each probe
 * is called 64 times and an empty call's cost is subtracted. Board only.
 * Prints "bench net <c|cxx> <instructions per call>". */
#include "data.h"
#include "probe.h"

#include <stdint.h>
#include <stdio.h>

struct net probe_net, probe_grad;
float probe_x[NET_IN];
int probe_label;

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define INSTRUCTIONS_PER_TICK 40u /* 1 ns per instruction, 25 MHz */
#define MASK 0x00ffffffu          /* SysTick is a 24-bit down counter */
#define CALLS 64

__attribute__((noinline)) static float empty(void) {
  __asm volatile("");
  return 0.0f;
}

static uint32_t instructions(float (*f)(void)) {
  const uint32_t start = SYST_CVR;
  for (int i = 0; i < CALLS; ++i) f();
  const uint32_t end = SYST_CVR;
  return ((start - end) & MASK) * INSTRUCTIONS_PER_TICK;
}

int main(void) {
  static struct data_set set;
  data_fill(&set);
  net_init(&probe_net, 7u);
  for (int i = 0; i < NET_IN; ++i) probe_x[i] = set.x[1][i];
  probe_label = set.label[1];
  SYST_RVR = MASK;
  SYST_CVR = 0;
  SYST_CSR = 5; /* enable, processor clock, no interrupt */
  printf("# instructions per gradient call (QEMU -icount shift=0, SysTick)\n");
  const uint32_t base = instructions(empty);
  const uint32_t c = (instructions(probe_c) - base) / CALLS;
  const uint32_t cxx = (instructions(probe_cxx) - base) / CALLS;
  printf("bench net c %lu\n", (unsigned long)c);
  printf("bench net cxx %lu\n", (unsigned long)cxx);
  if (c == 0 || cxx == 0) {
    printf("# no instructions counted: run under qemu-system-arm -icount shift=0\n");
    return 1;
  }
  return 0;
}
