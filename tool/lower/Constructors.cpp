// Lowering of constructor calls: `T v(a, b)`, `T v{a, b}`, `T(a, b)` and
// `return T(...)` calling a constructor whose body is empty and whose member
// initializers are expressions of its parameters, lowered like brace
// initialization of the members (lower/Values.cpp): the arguments are copied
// into locals the constructor's parameters name, then each member gets its
// initializer (or its default member initializer) in declaration order.
// `std::make_pair(a, b)` is `{a, b}` of its pair.
#include "lower/Lowerer.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace gradc::lowering {

namespace {

// `std::forward<T>(x)` or `std::move(x)`: x; `e` otherwise.
const cl::Expr* withoutForward(const cl::Expr* e) {
  const auto* call = llvm::dyn_cast<cl::CallExpr>(e->IgnoreImplicit());
  const cl::FunctionDecl* fd = call ? call->getDirectCallee() : nullptr;
  if (!fd || call->getNumArgs() != 1) return e;
  std::string name = fd->getQualifiedNameAsString();
  return name == "std::forward" || name == "std::move" ? call->getArg(0) : e;
}

// What in a member initializer could change something other than the member
// it initializes (an assignment, `++`), or a call, which might through a
// reference parameter; empty if none.
struct SideEffects : cl::RecursiveASTVisitor<SideEffects> {
  bool assigns = false, calls = false;
  bool VisitBinaryOperator(cl::BinaryOperator* bo) {
    assigns = assigns || bo->isAssignmentOp();
    return true;
  }
  bool VisitUnaryOperator(cl::UnaryOperator* uo) {
    assigns = assigns || uo->isIncrementDecrementOp();
    return true;
  }
  bool VisitCXXOperatorCallExpr(cl::CXXOperatorCallExpr* oc) {
    assigns = assigns || oc->isAssignmentOp();
    return true;
  }
  bool VisitCallExpr(cl::CallExpr* c) {
    calls = calls || withoutForward(c) == c;
    return true;
  }
};

}  // namespace

bool emptyBasesOnly(const cl::CXXRecordDecl* rd) {
  for (const cl::CXXBaseSpecifier& b : rd->bases()) {
    const cl::CXXRecordDecl* base = b.getType()->getAsCXXRecordDecl();
    if (b.isVirtual() || !base || !base->hasDefinition() || !base->isEmpty() || base->isPolymorphic()) return false;
  }
  return true;
}

bool isStdPair(const cl::RecordDecl* rd) {
  return rd && rd->getQualifiedNameAsString() == "std::pair";
}

bool Lowerer::lowerConstructor(const StructRef& dst, const cl::CXXConstructExpr* ce, const MemberInit& initMember,
                               int origin, Block& out) {
  const cl::CXXConstructorDecl* ctor = ce->getConstructor();
  const cl::CXXRecordDecl* rd = ctor->getParent();
  auto reject = [&](const std::string& why) {
    env_.diags.report(ce->getExprLoc(), Diag::UnsupportedExpr,
                      {"the constructor call '" + sourceText(ce) + "' (" + why +
                       "; supported: a constructor with an empty body whose member initializers use its "
                       "parameters, or braces: `V v{x, y};`)"});
    failed_ = true;
    return false;
  };
  const cl::FunctionDecl* def = nullptr;
  if (!ctor->hasBody(def) || !def) return reject("its definition is not in the source");
  const auto* c = llvm::cast<cl::CXXConstructorDecl>(def);
  const auto* body = llvm::dyn_cast<cl::CompoundStmt>(c->getBody());
  if (!body) return reject("a constructor with a function-try-block");
  if (!body->body_empty()) return reject("a constructor with statements in its body");
  if (c->isDelegatingConstructor()) return reject("a delegating constructor");
  if (c->isVariadic()) return reject("a variadic constructor");
  if (ce->getNumArgs() != c->getNumParams()) return reject("a constructor with default arguments");
  bool refParams = false;  // a non-const reference parameter: no calls may take it
  for (const cl::ParmVarDecl* p : c->parameters()) {
    cl::QualType t = p->getType();
    refParams = refParams || (t->isReferenceType() && !t.getNonReferenceType().isConstQualified());
  }
  for (const cl::CXXCtorInitializer* init : c->inits()) {
    if (init->isBaseInitializer()) {
      // An empty base made by a constructor that does nothing (libstdc++'s
      // __pair_base): nothing to lower.
      const cl::CXXRecordDecl* base = init->getBaseClass()->getAsCXXRecordDecl();
      const auto* made = llvm::dyn_cast<cl::CXXConstructExpr>(init->getInit()->IgnoreImplicit());
      if (!base || !base->isEmpty() || base->isPolymorphic() || !made || !made->getConstructor()->isTrivial())
        return reject("a base class initializer");
      continue;
    }
    if (!init->isMemberInitializer()) return reject("an initializer of a member of an anonymous union or struct");
    SideEffects se;
    se.TraverseStmt(const_cast<cl::Expr*>(init->getInit()));
    if (se.assigns) return reject("a member initializer with an assignment or an increment");
    if (se.calls && refParams) return reject("a call in a member initializer of a constructor taking a non-const reference");
  }
  // The arguments, evaluated before the constructor runs.
  for (unsigned k = 0; k < c->getNumParams(); ++k) {
    const cl::ParmVarDecl* p = c->getParamDecl(k);
    const cl::Expr* arg = ce->getArg(k);
    if (const auto* da = llvm::dyn_cast<cl::CXXDefaultArgExpr>(arg)) arg = da->getExpr();
    cl::QualType t = p->getType().getNonReferenceType();
    if (t->isRecordType()) {
      auto copy = structArgument(p, arg, origin, out);
      if (!copy) return false;
      structs_[p] = *copy;
      continue;
    }
    auto st = scalarType(t);
    if (!st) return reject("the parameter '" + p->getNameAsString() + "' of type '" + p->getType().getAsString() + "'");
    VarId copy = newVar(p->getNameAsString(), *st, VarRole::Local);
    fn_.var(copy).loop = currentLoop_;
    if (st->isFloating()) {
      lowerInto(copy, arg, origin, out);
    } else {
      ExprRef v = lowerPassive(arg);
      if (!v) return false;
      emitAssign(copy, v, origin, out);
    }
    if (failed_) return false;
    bindVar(p, copy);
    defined_.insert(copy);
  }
  // The members in declaration order (the order C++ initializes them);
  // initializers may read the members before them (`this` is dst).
  self_.push_back(dst);
  bool ok = true;
  for (const cl::FieldDecl* f : rd->fields()) {
    const cl::Expr* e = nullptr;
    for (const cl::CXXCtorInitializer* init : c->inits())
      if (init->isMemberInitializer() && init->getMember() == f) e = withoutForward(init->getInit());
    if (!e && f->hasInClassInitializer()) e = f->getInClassInitializer();
    if (!e) continue;  // default-initialized: unset, as in `V v;`
    if (!initMember(dst, f, e)) {
      ok = false;
      break;
    }
  }
  self_.pop_back();
  return ok && !failed_;
}

bool Lowerer::lowerMakePair(const StructRef& dst, const cl::CallExpr* call, const MemberInit& initMember) {
  const cl::FunctionDecl* fd = call->getDirectCallee();
  const cl::RecordDecl* rd = call->getType().getCanonicalType()->getAsRecordDecl();
  if (!fd || fd->getQualifiedNameAsString() != "std::make_pair" || call->getNumArgs() != 2 || !isStdPair(rd))
    return false;
  unsigned k = 0;
  for (const cl::FieldDecl* f : rd->fields())
    if (k < 2 && !initMember(dst, f, call->getArg(k++)->IgnoreImplicit())) return true;
  return true;
}

}  // namespace gradc::lowering
