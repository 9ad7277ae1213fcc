// Stage `cleanup`: make a generated function as lean and readable as one
// written by hand. In order:
//   - adjoints become explicit: the first `d_v += e` of a zero adjoint turns
//     into `d_v = e`, other adjoints get an explicit zero where they start;
//   - a math call whose value a variable already holds reads it (Reuse.h),
//     and one whose operands a loop does not change leaves the loop (Hoist.h);
//   - then, to a fixed point: constant folding and identities (no `* 1.0`,
//     `+ 0`), copy propagation, folding single-use temporaries back into the
//     expression that uses them, and liveness-based dead-code elimination
//     (which also drops saved values the reverse sweep never reads);
//   - independent reverse loops run forwards; an adjoint array that a loop
//     fills element by element is assigned there, not zeroed first; an array
//     whose loop writes a[k] after its last read of a dead b[k] takes b's
//     storage (InPlace.h);
//   - finally, each variable is declared where it is first assigned, or
//     hoisted (zero-initialized) when it first appears inside a branch.
#ifndef GRADC_CLEANUP_CLEANUP_H
#define GRADC_CLEANUP_CLEANUP_H

#include "ir/IR.h"

namespace gradc {

ir::Function cleanup(ir::Function fn);

}  // namespace gradc

#endif  // GRADC_CLEANUP_CLEANUP_H
