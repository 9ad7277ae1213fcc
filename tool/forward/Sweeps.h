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

// Padded to stride S: a direction loop (of `loops`) that touches no row of
// J runs over all S columns, so it has no scalar remainder (the padded
// columns' seeds are zero, and no column reads another's). One that reads or
// writes J stops at D (J's rows are D wide); a tangent it writes that
// outlives it is declared zeroed, so its padded columns, which no loop to D
// writes, hold a value when a loop to S reads them.
void padDirectionLoops(ir::Function& fn, const std::set<int>& loops, ir::VarId J, long stride);

// Whether `body`'s top level writes every element of output p (n elements):
// at constant indices, or in a counted loop over all of them (`out[i]`, or
// `out[2 * i]` and `out[2 * i + 1]`...), with no return in it.
bool writesEveryElement(const ir::Block& body, ir::VarId p, long n);

// Expression e with its arguments `args`, the terms a zero tangent (a seed's
// zero) makes vanish folded away: a tangent known to be zero contributes
// nothing, whatever it multiplies (what a per-column f_jvp sweep computes as
// 0 * x, or NaN when x is infinite).
ir::ExprRef foldZeroTangent(const ir::Expr& e, std::vector<ir::ExprRef> args);

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
