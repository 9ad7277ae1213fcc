// Must NOT link. The firmware links with every allocation function poisoned
// (firmware/CMakeLists.txt); this program allocates, and ctest
// embedded.heap_poison checks that linking it fails on exactly that. If it
// ever links, the poison no longer protects the other firmware.
#include <stdlib.h>

#include <new>

float* volatile sink;

int main() {
  sink = new float[16];                             // operator new[]
  sink = static_cast<float*>(malloc(sizeof(float)));  // malloc
  return 0;
}
