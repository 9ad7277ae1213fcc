// Going on after an error: one run reports every problem of every marked
// function (like a compiler), without repeating one error as many.
#include "lower/Lowerer.h"

#include "clang/AST/Decl.h"

namespace gradc::lowering {

bool Lowerer::recover(const cl::Stmt* s) {
  hadErrors_ = true;
  // A declaration that failed: its variable holds nothing, reads of it are
  // not reported again.
  if (const auto* ds = llvm::dyn_cast<cl::DeclStmt>(s))
    for (const cl::Decl* d : ds->decls()) poisoned_.insert(d);
  if (!inlining_.empty() || env_.diags.stopped()) return false;
  failed_ = false;
  return true;
}

bool Lowerer::usesPoisoned(const cl::Stmt* s) const {
  if (!s) return false;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s); ref && poisoned_.count(ref->getDecl())) return true;
  for (const cl::Stmt* child : s->children())
    if (usesPoisoned(child)) return true;
  return false;
}

}  // namespace gradc::lowering
