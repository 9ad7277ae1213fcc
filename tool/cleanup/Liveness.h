// Part of stage `cleanup` (see Cleanup.h): dead-code elimination by
// liveness. The reverse sweep saves and recomputes values conservatively and
// folding leaves temporaries nobody reads; this pass drops what no
// observable result depends on.
#ifndef GRADC_CLEANUP_LIVENESS_H
#define GRADC_CLEANUP_LIVENESS_H

#include "ir/IR.h"

namespace gradc::cleaning {

// Removes assignments whose value nothing observable (the result, adjoint
// outputs, output arrays) reads, then empty branches and loops, and pullback
// calls whose outputs are all dead. Returns whether anything was removed.
bool removeDeadCode(ir::Function& fn);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_LIVENESS_H
