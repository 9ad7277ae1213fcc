// Part of stage `cleanup` (see Cleanup.h): copy propagation and folding of
// single-use temporaries. Lowering gives every intermediate value its own
// temporary (three-address code, so the reverse sweep can read each one);
// most are read once, and folding them back gives expressions as written.
#ifndef GRADC_CLEANUP_PROPAGATION_H
#define GRADC_CLEANUP_PROPAGATION_H

#include "ir/IR.h"

namespace gradc::cleaning {

// Replaces copies (`t = a`) by what they copy and folds a temporary read once,
// later in the same block, into its reader; never moves work into a loop.
// Returns whether anything changed.
bool propagateCopies(ir::Function& fn);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_PROPAGATION_H
