// Part of stage `cleanup` (see Cleanup.h): constant folding and identities.
// Lowering and the reverse sweep write every step the same way (`1.0 * e`,
// `d_t += 0`, `v = 0; v += e`); this pass removes what a person would not write.
#ifndef GRADC_CLEANUP_SIMPLIFY_H
#define GRADC_CLEANUP_SIMPLIFY_H

#include "ir/IR.h"

namespace gradc::cleaning {

// Folds constants and identities (`* 1`, `+ 0`, double negation) in every
// expression, turns `v = 0; ...; v += e` into `v = e` when nothing between
// mentions v, and drops `d_v += 0` and `v = v`. Returns whether anything changed.
bool simplify(ir::Block& b);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_SIMPLIFY_H
