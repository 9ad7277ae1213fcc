// Lowering of an assignment to a conditional: `(c ? a : b) = v;` is
// `t = v; if (c) a = t; else b = t;` (C++17 evaluates the right operand
// first). Scalar variables in both branches only.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"

namespace gradc::lowering {

bool Lowerer::lowerConditionalAssign(const cl::BinaryOperator* bo, int origin, Block& out) {
  const auto* co = llvm::dyn_cast<cl::ConditionalOperator>(bo->getLHS()->IgnoreParens());
  if (!co) return false;
  auto reject = [&](const std::string& what) {
    env_.diags.report(bo->getExprLoc(), Diag::UnsupportedExpr, {what + " (write 'if (c) a = v; else b = v;')"});
    failed_ = true;
    return true;
  };
  if (bo->getOpcode() != cl::BO_Assign) return reject("a compound assignment to a conditional '" + sourceText(co) + "'");
  auto t = scalarType(bo->getType().getNonReferenceType());
  const cl::Expr* branches[2] = {co->getTrueExpr()->IgnoreParens(), co->getFalseExpr()->IgnoreParens()};
  for (const cl::Expr* b : branches)
    if (!llvm::isa<cl::DeclRefExpr>(b) || !t)
      return reject("assigning to the conditional '" + sourceText(co) + "' whose branches are not both scalar variables");
  if (co->getCond()->HasSideEffects(env_.ast)) return reject("a condition with side effects in '" + sourceText(co) + "'");
  VarId value = newVar("value", *t, VarRole::Temp);
  if (t->isFloating()) {
    lowerInto(value, bo->getRHS(), origin, out);
  } else {
    ExprRef v = lowerPassive(bo->getRHS());
    if (!v) return true;
    emitAssign(value, v, origin, out);
  }
  if (failed_) return true;
  defined_.insert(value);
  ExprRef cond = lowerPassive(co->getCond());
  if (!cond) return true;
  // (The branch decision lives in a bool the reverse sweep reads again, as an `if`'s.)
  VarId c = newVar("cond", Type::boolean(), VarRole::Temp);
  out.push_back(assign(c, cond, origin));
  defined_.insert(c);
  Stmt st;
  st.kind = StmtKind::If;
  st.origin = origin;
  st.value = fn_.ref(c);
  VarId a = assignedVar(branches[0]);
  VarId b = a == kNoVar ? kNoVar : assignedVar(branches[1]);
  if (b == kNoVar) return true;
  emitAssign(a, fn_.ref(value), origin, st.thenBlock);
  emitAssign(b, fn_.ref(value), origin, st.elseBlock);
  out.push_back(std::move(st));
  return true;
}

}  // namespace gradc::lowering
