// Assignments, increments and comma operators inside expressions: `a = b = e`,
// `s = (r *= y) + 1`, `y = x++`, `t = (x = 2 * x, x + y)`. Each is run as a
// statement of its own before the expression, which then reads the variable
// it wrote (or, for `x++`, a copy of the old value). That is the order C++
// gives only when nothing else in the expression reads or writes that
// variable (otherwise the order is unspecified or undefined): checked here,
// and rejected otherwise.
#include "lower/Lowerer.h"

#include "clang/AST/ExprCXX.h"

#include <functional>

namespace gradc::lowering {

namespace {

bool isEffect(const cl::Expr* e) {
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e))
    return bo->isAssignmentOp() || bo->getOpcode() == cl::BO_Comma;
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e)) return uo->isIncrementDecrementOp();
  return false;
}

bool containsEffect(const cl::Stmt* s) {
  if (!s || llvm::isa<cl::LambdaExpr>(s) || llvm::isa<cl::UnaryExprOrTypeTraitExpr>(s)) return false;
  if (const auto* e = llvm::dyn_cast<cl::Expr>(s); e && isEffect(e)) return true;
  for (const cl::Stmt* child : s->children())
    if (containsEffect(child)) return true;
  return false;
}

// A call that may write variables the expression reads: a lambda's (its
// captures), a non-const member function, or one taking a non-const
// reference or pointer. Its order against a hoisted assignment is unknown.
const cl::CallExpr* writingCall(const cl::Stmt* s) {
  if (!s || llvm::isa<cl::UnaryExprOrTypeTraitExpr>(s)) return nullptr;
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(s)) {
    const cl::FunctionDecl* fd = call->getDirectCallee();
    const auto* method = llvm::dyn_cast_or_null<cl::CXXMethodDecl>(fd);
    if (!fd || (method && (method->getParent()->isLambda() || !method->isConst()) && !method->isStatic()))
      return call;
    for (const cl::ParmVarDecl* p : fd->parameters()) {
      cl::QualType t = p->getType();
      if ((t->isReferenceType() || t->isPointerType()) && !t->getPointeeType().isConstQualified()) return call;
    }
  }
  if (llvm::isa<cl::LambdaExpr>(s)) return nullptr;
  for (const cl::Stmt* child : s->children())
    if (const cl::CallExpr* call = writingCall(child)) return call;
  return nullptr;
}

}  // namespace

std::optional<ExprRef> Lowerer::hoistedValue(const cl::Expr* e, Block* out) {
  if (auto it = hoistedValues_.find(e); it != hoistedValues_.end()) return fn_.ref(it->second);
  if (auto it = hoistedCommas_.find(e); it != hoistedCommas_.end())
    return out ? lowerNode(it->second, *out, currentOrigin_) : lowerPassive(it->second);
  return std::nullopt;
}

bool Lowerer::hoistEffects(const cl::Expr* e, const cl::Expr* scope, bool self, int origin, Block& out) {
  // (`*p++`: a pointer moving inside an expression has a diagnostic of its own, lower/MovingPointers.cpp)
  if (e->getType()->isPointerType()) return true;
  if (self && isEffect(strip(e))) return hoistOne(strip(e), scope, origin, out);
  if (self) {
    // A GRADC_NONDIFF helper of the source file (inputs only: it writes
    // nothing the expression reads) is inlined before the expression, so it
    // may stand where no statement can go: an index, a condition.
    const auto* call = llvm::dyn_cast<cl::CallExpr>(strip(e));
    const cl::FunctionDecl* fd = call ? call->getDirectCallee() : nullptr;
    const cl::FunctionDecl* def = nullptr;
    if (fd && isNondiff(fd) && !visibleToHeader(fd) && !llvm::isa<cl::CXXMethodDecl>(fd) &&
        scalarType(fd->getReturnType()) &&
        inlinable(fd, def)) {
      if (!nondiffTakesInputsOnly(call)) return false;
      if (!hoistEffects(call, scope, false, origin, out)) return false;  // (its arguments' own)
      ExprRef r = inlineCall(call, def, out);
      if (!r) return false;
      // Its own copy (r may name a caller's variable), kept like a source
      // local: the reverse sweep reads it again (an index).
      VarId v = newVar(shortName(fd), r->type, VarRole::Local);
      out.push_back(assign(v, r, origin));
      defined_.insert(v);
      hoistedValues_[call] = v;
      return true;
    }
  }
  const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e);
  const auto* co = llvm::dyn_cast<cl::ConditionalOperator>(e);
  for (const cl::Stmt* child : e->children()) {
    const auto* ce = llvm::dyn_cast_or_null<cl::Expr>(child);
    if (!ce || llvm::isa<cl::LambdaExpr>(ce) || llvm::isa<cl::UnaryExprOrTypeTraitExpr>(ce)) continue;
    // Evaluated on some paths only: it cannot run before the expression.
    bool sometimes = (bo && bo->isLogicalOp() && ce == bo->getRHS()) ||
                     (co && (ce == co->getTrueExpr() || ce == co->getFalseExpr()));
    if (sometimes || llvm::isa<cl::BinaryConditionalOperator>(e)) {
      if (!containsEffect(ce)) continue;
      env_.diags.report(ce->getExprLoc(), Diag::UnsupportedExpr,
                        {"an assignment or increment in a branch of '?:' or on the right of '&&' or '||' (it runs "
                         "on some paths only: write an 'if' statement)"});
      failed_ = true;
      return false;
    }
    if (!hoistEffects(ce, scope, true, origin, out)) return false;
  }
  return true;
}

bool Lowerer::hoistOne(const cl::Expr* e, const cl::Expr* scope, int origin, Block& out) {
  // The variables `e` writes: plain variables only.
  std::vector<std::pair<VarId, const cl::DeclRefExpr*>> targets;
  std::function<bool(const cl::Stmt*)> collect = [&](const cl::Stmt* s) -> bool {
    if (!s || llvm::isa<cl::LambdaExpr>(s) || llvm::isa<cl::UnaryExprOrTypeTraitExpr>(s)) return true;
    const auto* x = llvm::dyn_cast<cl::Expr>(s);
    if (x && isEffect(x) && !(llvm::isa<cl::BinaryOperator>(x) &&
                              llvm::cast<cl::BinaryOperator>(x)->getOpcode() == cl::BO_Comma)) {
      const cl::Expr* lhs = llvm::isa<cl::BinaryOperator>(x) ? llvm::cast<cl::BinaryOperator>(x)->getLHS()
                                                             : llvm::cast<cl::UnaryOperator>(x)->getSubExpr();
      const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(lhs->IgnoreParens());
      auto it = ref ? vars_.find(ref->getDecl()) : vars_.end();
      if (it == vars_.end() || !ref->getType()->isScalarType() || ref->getType()->isPointerType()) {
        env_.diags.report(x->getExprLoc(), Diag::UnsupportedExpr,
                          {"assigning to '" + sourceText(lhs) + "' inside an expression (only a local variable "
                           "or parameter can be assigned there; assign in a statement of its own first)"});
        failed_ = true;
        return false;
      }
      targets.push_back({it->second, ref});
    }
    for (const cl::Stmt* child : s->children())
      if (!collect(child)) return false;
    return true;
  };
  const auto* comma = llvm::dyn_cast<cl::BinaryOperator>(e);
  if (comma && comma->getOpcode() != cl::BO_Comma) comma = nullptr;
  if (!collect(comma ? comma->getLHS() : e)) return false;
  if (const cl::CallExpr* call = writingCall(scope)) {
    env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                      {"a call that may write variables ('" + sourceText(call) + "') in an expression with an "
                       "assignment or increment inside (C++ does not fix their order: make the assignment a "
                       "statement of its own first)"});
    failed_ = true;
    return false;
  }
  // Nothing outside `e` in the full expression may read or write them.
  for (const auto& [v, ref] : targets) {
    const cl::Expr* clash = nullptr;
    std::function<void(const cl::Stmt*)> find = [&](const cl::Stmt* s) {
      if (!s || s == e || clash || llvm::isa<cl::UnaryExprOrTypeTraitExpr>(s)) return;
      if (const auto* r = llvm::dyn_cast<cl::DeclRefExpr>(s)) {
        auto it = vars_.find(r->getDecl());
        auto sp = scalarPointers_.find(r->getDecl());
        if ((it != vars_.end() && it->second == v) || (sp != scalarPointers_.end() && sp->second == v)) clash = r;
      }
      for (const cl::Stmt* child : s->children()) find(child);
    };
    find(scope);
    if (!clash) continue;
    std::string name = ref->getDecl()->getNameAsString();
    env_.diags.report(clash->getExprLoc(), Diag::UnsupportedExpr,
                      {"'" + name + "' is assigned inside this expression and also used elsewhere in it ('" +
                       sourceText(e) + "'): C++ does not order the two (write '" + name +
                       " = ...;' as a statement of its own first)"});
    failed_ = true;
    return false;
  }
  if (comma) {
    // `(a, b)`: a as a statement, then b's own effects; the value is b.
    lowerExprStmtIn(comma->getLHS()->IgnoreParens(), scope, origin, out);
    if (failed_ || !hoistEffects(comma->getRHS(), scope, true, origin, out)) return false;
    hoistedCommas_[e] = comma->getRHS();
    return true;
  }
  VarId v = targets.front().first;  // (the outermost: `e`'s own)
  VarId value = v;
  const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e);
  if (uo && uo->isPostfix()) {
    // `x++` is worth the old x.
    value = newVar("old", fn_.var(v).type, VarRole::Local);  // (kept like a source local: the reverse sweep may need it)
    out.push_back(assign(value, fn_.ref(v), origin));
    defined_.insert(value);
  }
  lowerExprStmtIn(e, scope, origin, out);
  if (failed_) return false;
  hoistedValues_[e] = value;
  return true;
}

}  // namespace gradc::lowering
