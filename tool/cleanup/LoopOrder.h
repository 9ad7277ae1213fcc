// Part of stage `cleanup` (see Cleanup.h): the order a reverse loop runs in.
#ifndef GRADC_CLEANUP_LOOPORDER_H
#define GRADC_CLEANUP_LOOPORDER_H

#include "ir/IR.h"

namespace gradc {

// A reverse loop runs its iterations last first, because in general an
// iteration's adjoints feed the one before. When no iteration reads what
// another writes (it only adds into adjoint sums and arrays it does not read,
// and restores its own values before using them, values nothing reads after
// the loop), the order does not matter
// and the loop runs forwards: contiguous, like the forward loop, which
// compilers vectorize without reversing every vector.
void runIndependentReverseLoopsForwards(ir::Function& fn);

}  // namespace gradc

#endif  // GRADC_CLEANUP_LOOPORDER_H
