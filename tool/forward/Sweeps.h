// Whole-function edits of the direction sweeps (forward/Directions.cpp):
// packed tangents made scalars, sweeps appended, H symmetrized. Private to forward/.
#ifndef GRADC_FORWARD_SWEEPS_H
#define GRADC_FORWARD_SWEEPS_H

#include "ir/IR.h"

#include <set>

namespace gradc::forward {

// Packed: the tangent of a scalar (one of `scalars`, arrays of D) that one
// direction loop (For statements `loops`) alone reads and writes, writing it
// first, is a scalar of that loop's body (`t_s[d]` becomes `t_s`): the
// compiler keeps it in a register, cleanup folds it.
void scalarsOfDirectionLoops(ir::Function& fn, const std::set<ir::VarId>& scalars, const std::set<int>& loops);

// Appends sweep `strip` (the same f_jacobian with other columns, its last
// parameter the matrix) to `out`: its own locals and loop ids, out's
// parameters; out's return goes, strip's stays.
void appendSweep(ir::Function& out, ir::Function strip);

// Before the final return: H = (H + H^T) / 2, so H (n x n) is exactly
// symmetric (forward over reverse gives H's columns, equal to its rows only
// up to rounding).
void symmetrizeMatrix(ir::Function& fn, ir::VarId H, long n);

}  // namespace gradc::forward

#endif  // GRADC_FORWARD_SWEEPS_H
