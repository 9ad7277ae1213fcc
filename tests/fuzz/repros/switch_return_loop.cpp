// switch-return-loop (FINDINGS.md): gradc crashes (SIGSEGV, unbounded
// recursion in Lowerer::lowerWithContinuation / lowerBranch, Statements.cpp:57-88)
// on a switch with a `return` in a case, in a loop whose body breaks after
// the switch. Without the `if (...) break;`, or written as `if (n == 2)
// return x * x;`, it goes through. Found by fz_spell2.py's switch spelling,
// g++ seed 77003 f3 (gradc 630c63e).
//   gradc switch_return_loop.cpp -o r.hpp -- -std=c++17 -Iruntime/include
#include <gradc/gradc.h>

GRADC_GRAD
double f(double x, int n) {
  for (int i = 0; i < 5; i++) {
    switch (n) { case 2: return x * x; }
    if (x < 0.3) {
      break;
    }
    x = 0.5 * x;
  }
  return x;
}
