// Part of stage `cleanup` (see Cleanup.h): a math call evaluated again with
// the same arguments reads the variable that already holds its value. The
// pullback of sin is `d_x += d_y * cos(x)`: where the source computed
// `c = cos(x)` too (a rotation), the reverse sweep reads c instead of
// calling cos again (bundle adjustment's Rodrigues rotation did both).
#ifndef GRADC_CLEANUP_REUSE_H
#define GRADC_CLEANUP_REUSE_H

#include "ir/IR.h"

namespace gradc::cleaning {

// Replaces each libm call (exp, sin, sqrt, ...) whose value a scalar already
// holds, assigned earlier in the same or an enclosing block with neither it
// nor the call's operands written since, by that scalar. Returns whether
// anything changed.
bool reuseCallResults(ir::Function& fn);

// A call of a C math function (exp, sin, sqrt, ... or std::, float forms):
// pure, and each a few dozen instructions.
bool isLibmCall(const ir::Expr& e);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_REUSE_H
