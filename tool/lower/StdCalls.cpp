// Lowering of standard-library calls written as statements that are plain
// assignments underneath: `std::swap(a, b)` of two scalars (variables,
// members of struct locals, array elements) is `t = a; u = b; a = u; b = t;`,
// which the reverse sweep differentiates like any overwrite.
#include "lower/Lowerer.h"

#include "clang/AST/ExprCXX.h"

namespace gradc::lowering {

bool Lowerer::isElementPlace(const cl::Expr* lhs) const {
  return derefScalar(lhs) == kNoVar && (llvm::isa<cl::ArraySubscriptExpr>(lhs) || namesElement(lhs) ||
                                        isStdArraySubscript(lhs) || accessorBody(lhs));
}

std::optional<std::pair<VarId, ExprRef>> Lowerer::elementPlace(const cl::Expr* lhs, Block& out) {
  return isStdArraySubscript(lhs) ? stdArrayElement(lhs) : accessorBody(lhs) ? accessorElement(lhs, out) : elementOf(lhs);
}

std::optional<Lowerer::Place> Lowerer::placeOf(const cl::Expr* e, Block& out) {
  const cl::Expr* bare = e->IgnoreParenImpCasts();
  if (!isElementPlace(bare)) {
    VarId v = assignedVar(bare);
    if (v == kNoVar) return std::nullopt;
    return Place{v, nullptr};
  }
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(bare); sub && movesBetweenArrays(sub->getBase()))
    return std::nullopt;
  auto el = elementPlace(bare, out);
  if (!el || el->first == kNoVar || fn_.var(el->first).pointeeConst) return std::nullopt;
  return Place{el->first, el->second ? el->second : constant(0, Type::integer("int"), "0")};
}

bool Lowerer::lowerSwap(const cl::Expr* e, int origin, Block& out) {
  const auto* call = llvm::dyn_cast<cl::CallExpr>(e->IgnoreParens());
  const cl::FunctionDecl* fd = call ? call->getDirectCallee() : nullptr;
  if (!fd || !fd->isInStdNamespace() || fd->getName() != "swap" || call->getNumArgs() != 2) return false;
  const cl::Expr* sides[2] = {call->getArg(0), call->getArg(1)};
  for (const cl::Expr* s : sides)
    if (!s->getType()->isArithmeticType() || s->getType() != sides[0]->getType()) return false;
  std::optional<Place> places[2];
  ExprRef values[2];
  for (int k = 0; k < 2; ++k) {
    places[k] = placeOf(sides[k], out);
    if (failed_) return true;
    if (!places[k]) return false;  // (the effect call's diagnostic names it)
    const Type t = fn_.var(places[k]->var).type;
    ExprRef read = places[k]->index ? load(places[k]->var, places[k]->index, t) : fn_.ref(places[k]->var);
    values[k] = fn_.ref(materialize(read, out, origin));
  }
  for (int k = 0; k < 2; ++k) {
    const Place& p = *places[k];
    if (!p.index) {
      emitAssign(p.var, values[1 - k], origin, out);
      continue;
    }
    Stmt st = assign(p.var, values[1 - k], origin);
    st.index = p.index;
    out.push_back(std::move(st));
  }
  return true;
}

}  // namespace gradc::lowering
