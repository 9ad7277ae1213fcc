// Part of stage `cleanup` (see Cleanup.h): arrays that need no storage of
// their own. Hand-written backprop reuses buffers (the softmax numerators
// written over the logits, δz over the numerators); these passes find the
// same reuse in generated code, so it keeps no more bytes than that.
#ifndef GRADC_CLEANUP_INPLACE_H
#define GRADC_CLEANUP_INPLACE_H

#include "ir/IR.h"

namespace gradc::cleaning {

// An adjoint array that one loop accumulates into element by element, with
// only scattered `d_a[i] += e` before that loop: the sums move past the loop
// (they commute), the loop's `+=` becomes `=`, and the array starts unset
// instead of zeroed (Var::startsAssigned).
void startAdjointArraysByAssignment(ir::Function& fn);

// A local array first written by a loop that stores a[k] once the iteration
// has read b[k] for the last time, b an array of the same type and length
// that nothing reads after that loop, takes b's storage (Var::reusesStorageOf).
// A later read of a single element of b moves into a scalar before the loop.
void shareStorageInPlace(ir::Function& fn);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_INPLACE_H
