// Runs after cleanup, on f_grad and f_pullback only: a bound on the stack
// frame. The fixed-size arrays a gradient declares (the source's locals, their
// adjoints, tapes) can pass what a small stack holds (a Cortex-M task's few
// KB, or 8 MB for an RK4 over 100k states); above the limit, the largest of
// them move to the caller's work buffer (f_grad_work_bytes), one by one, until
// the rest fit: from the deepest nest of declarations (sibling scopes share
// stack slots), the largest, the least mentioned among equals. A moved array that started zeroed is zeroed where it was
// declared, over the elements the code can touch (Extent.h).
#ifndef GRADC_CLEANUP_FRAME_H
#define GRADC_CLEANUP_FRAME_H

#include "ir/IR.h"

#include <vector>

namespace gradc::cleaning {

// Bytes of the fixed-size arrays fn declares in its deepest nest of scopes:
// arrays of sibling scopes (the forward loop's body, the reverse loop's)
// overlap in the frame, as g++ and clang++ lay them out.
long arrayFrameBytes(const ir::Function& fn);

// Moves arrays to the work buffer until each form's arrayFrameBytes <= limit
// (or no array can move: one passed whole to a call, or sharing another's
// storage). `forms`: f_pullback and f_grad of one function, which keep one
// signature: an array one moves, the other moves too, and either both take
// the buffer or neither does. limit <= 0: no limit.
void limitFrames(const std::vector<ir::Function*>& forms, long limit);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_FRAME_H
