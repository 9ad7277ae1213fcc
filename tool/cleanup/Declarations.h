// Part of stage `cleanup` (see Cleanup.h): where variables start. Both
// passes give a variable an explicit start in the innermost block holding
// all its mentions, so the generated code reads like code written by hand.
#ifndef GRADC_CLEANUP_DECLARATIONS_H
#define GRADC_CLEANUP_DECLARATIONS_H

#include "ir/IR.h"

namespace gradc::cleaning {

// Runs first: the first `d_v += e` of a scalar adjoint becomes `d_v = e`
// (it adds to zero); an adjoint first written otherwise gets an explicit
// zero where it starts. The later passes then see every adjoint's start.
void materializeAdjointZeros(ir::Function& fn);

// Runs last: each variable is declared at its first assignment, or hoisted
// (zero-initialized) when it first appears inside a branch; local arrays
// are declared before their first use, adjoint arrays zeroed.
void placeDeclarations(ir::Function& fn);

// `for (int k = 0; k < extent; ++k) a[k] = 0;`, with decl's origin and
// direction, its loop numbered loopId: a zeroed declaration, spelled out.
ir::Stmt zeroFill(ir::Function& fn, ir::VarId a, const ir::ExprRef& extent, const ir::Stmt& decl, int loopId);

// Whether placeDeclarations will declare v in the function body itself
// (not in a branch or loop): only such an array can lend its storage to one
// declared later in the body.
bool declaredInBody(ir::Function& fn, ir::VarId v);

// After placeDeclarations: a variable mentioned where no declaration of it
// is in scope (the generated code would not compile), or kNoVar. The check
// that turns a placement bug into a diagnostic instead of broken output.
ir::VarId usedOutOfScope(const ir::Function& fn);

}  // namespace gradc::cleaning

#endif  // GRADC_CLEANUP_DECLARATIONS_H
