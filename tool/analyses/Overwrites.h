// Analysis `overwrites`: which array element writes destroy a value that the
// reverse sweep reads again, and so must save it.
//
// The reverse sweep reads arrays only where it recomputes a loop iteration's
// values. It sees the arrays as the forward sweep left them, which is right
// for a read unless a later write (later in the code, or in a later
// iteration) changes the element it read. Such a write is marked
// (Stmt::overwrites): the reverse sweep saves the old element before it and
// restores it when undoing it, so every recomputation sees the forward
// sweep's values again.
#ifndef GRADC_ANALYSES_OVERWRITES_H
#define GRADC_ANALYSES_OVERWRITES_H

#include "Diagnostics.h"
#include "ir/IR.h"

namespace gradc {

// Marks the element writes of `body` (a copy of fn.body) that must save the
// element they overwrite. Reports the ones gradc cannot save (elements of a
// caller's array, writes in a branch inside a loop, an index computed inside
// the loop) and returns false.
bool markOverwrites(const ir::Function& fn, ir::Block& body, Diagnostics& diags);

}  // namespace gradc

#endif  // GRADC_ANALYSES_OVERWRITES_H
