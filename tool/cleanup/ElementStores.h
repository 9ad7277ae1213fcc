// Part of stage `cleanup` (see Cleanup.h): element stores that a later store
// to the same element overwrites before anything reads the array, and stores
// nothing reads at all or a later loop overwrites whole.
#ifndef GRADC_CLEANUP_ELEMENTSTORES_H
#define GRADC_CLEANUP_ELEMENTSTORES_H

#include "ir/IR.h"

namespace gradc {

// Removes `a[i] = e` (or `a[i] += e`) when, later in the same block, `a[i] =
// e2` writes the same element with nothing in between reading `a` or
// changing `i`, and an `a[i] = e` that repeats an earlier one with nothing in
// between changing `a`, `i` or `e`. Liveness sees arrays only as a whole; this catches what a
// reverse loop over an in-place update leaves: undo, replay, restore of one
// element in a row, and a restore right after the undo. Also removes `a[i] =
// e` that nothing reads afterwards (the reset of an adjoint element the
// reverse sweep has consumed), in a loop only when i is the loop's counter,
// and `a[i] = e` that every path overwrites with a loop over all of `a`
// before reading it (a restore the reverse round then recomputes whole:
// its tape goes too).
// Local arrays only (the caller sees its own). Returns whether anything
// changed.
bool removeOverwrittenStores(ir::Function& fn);

}  // namespace gradc

#endif  // GRADC_CLEANUP_ELEMENTSTORES_H
