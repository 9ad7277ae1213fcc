// The part of a local array a function uses: an adjoint array of the
// declared maximum size (`double d_k[1024]`) declared in a loop is zeroed
// each iteration; zeroing only the elements the code can touch
// (`for (k = 0; k < n; ++k) d_k[k] = 0.0;`) saves the rest of the fill.
#ifndef GRADC_CLEANUP_EXTENT_H
#define GRADC_CLEANUP_EXTENT_H

#include "ir/IR.h"

namespace gradc::cleaning {

// An expression E, evaluable anywhere in fn, with every index of `a` in
// [0, E): each access a[k + c] or a[c] with k the counter of a loop around
// it over [lo, hi) (hi, or hi - c2, reading only variables never written, or int copies
// of them), c a constant. Null when some access is of another form, or `a`
// is used whole, or E would be no smaller than a's length.
ir::ExprRef usedExtent(const ir::Function& fn, ir::VarId a);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_EXTENT_H
