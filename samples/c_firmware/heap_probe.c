/* Must not link: the firmware links with the heap poisoned (NO_HEAP), and this
 * program allocates. ctest c_firmware.heap_poison builds it and expects the
 * link to fail on malloc, which shows train.elf linking means no allocation. */
#include <stdlib.h>

int main(void) {
  float* p = (float*)malloc(16 * sizeof(float));
  if (!p) return 1;
  p[0] = 1.0f;
  const int ok = p[0] == 1.0f;
  free(p);
  return ok ? 0 : 1;
}
