// Part of stage `cleanup` (see Cleanup.h): loop-invariant math calls leave
// the loop. `q = exp(logdiag[j])` in a loop over samples is evaluated once,
// before it, not once per sample (compilers cannot hoist it: exp may set
// errno). The reverse sweep's recomputing loops benefit the same way.
#ifndef GRADC_CLEANUP_HOIST_H
#define GRADC_CLEANUP_HOIST_H

#include "ir/IR.h"

namespace gradc::cleaning {

// Moves `v = f(args)` (f a libm function; v a scalar the loop assigns there
// alone, reads only after it, and nothing outside the loop reads) before the
// loop when nothing the loop writes reaches args; an element read in args is
// guarded by `lo < hi` unless the loop surely runs. Innermost loops first,
// so a value climbs as far as it is invariant. Returns whether anything moved.
bool hoistInvariantCalls(ir::Function& fn);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_HOIST_H
