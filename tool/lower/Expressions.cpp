// Lowering of expressions: three-address form for floating values, whole
// trees for integer and boolean ones.
#include "lower/Lowerer.h"

#include <cmath>
#include <map>
#include <set>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/FoldingSet.h"

namespace gradc::lowering {

namespace {

// Scalars in, a scalar out (`double lgamma(double)`): a call of it can be
// passive whatever it computes.
// C's classification macros expand to builtins (`isnan(x)` is
// `__builtin_isnan(x)` in glibc): the macro generated code calls instead.
std::optional<std::string> classificationMacro(const cl::FunctionDecl* fd) {
  static const std::map<std::string, std::string> macros = {
      {"__builtin_isnan", "isnan"},       {"__builtin_isinf", "isinf"},       {"__builtin_isinf_sign", "isinf"},
      {"__builtin_isfinite", "isfinite"}, {"__builtin_isnormal", "isnormal"}, {"__builtin_signbit", "signbit"}};
  if (!fd->getBuiltinID()) return std::nullopt;
  auto it = macros.find(fd->getName().str());
  return it == macros.end() ? std::nullopt : std::optional<std::string>(it->second);
}

bool scalarSignature(const cl::FunctionDecl* fd) {
  auto plainScalar = [](cl::QualType t) { return !t->isReferenceType() && scalarType(t).has_value(); };
  return plainScalar(fd->getReturnType()) &&
         std::all_of(fd->param_begin(), fd->param_end(), [&](const cl::ParmVarDecl* p) { return plainScalar(p->getType()); });
}

}  // namespace

void Lowerer::lowerInto(VarId dst, const cl::Expr* e, int origin, Block& out) {
  const Type t = fn_.var(dst).type;  // a copy: lowering adds variables
  ExprRef value;
  const auto* call = llvm::dyn_cast<cl::CallExpr>(strip(e));
  const cl::FunctionDecl* def = nullptr;
  std::optional<ExprRef> lambda;
  if (call && !(t.isFloating() && isFloating(e))) lambda = lowerLambdaCall(call, out);  // `int k = pick(i);`
  if (lambda)
    value = *lambda;
  else if (call && call->getDirectCallee() && !(t.isFloating() && isFloating(e)) &&
           inlinable(call->getDirectCallee(), def) && !llvm::isa<cl::CXXOperatorCallExpr>(call))
    value = inlineCall(call, def, out);  // `int k = argmax(z, n);`: a passive result, but statements to run
  else
    value = t.isFloating() && isFloating(e) ? lowerNode(e, out, origin) : lowerPassive(e);
  if (!value) {
    // An assignment is never dropped in silence: what failed has said why, or this does.
    if (!failed_) unsupportedExpr(e);
    return;
  }
  if (value->type != t) value = convert(value, t, out, origin);
  emitAssign(dst, value, origin, out);
}

void Lowerer::emitAssign(VarId dst, ExprRef value, int origin, Block& out) {
  // Inside a loop, a variable declared outside it holds the previous
  // iteration's value: every assignment to it overwrites.
  bool carried = currentLoop_ >= 0 && fn_.var(dst).loop != currentLoop_;
  bool overwrites = defined_.count(dst) > 0 || carried;
  if (overwrites && !value->isAtom() && fn_.var(dst).type.isFloating())
    value = fn_.ref(materialize(value, out, origin));
  Stmt s = assign(dst, value, origin);
  s.overwrites = overwrites;
  out.push_back(std::move(s));
  defined_.insert(dst);
}

VarId Lowerer::materialize(ExprRef value, Block& out, int origin) {
  VarId t = newVar("t", value->type, VarRole::Temp);
  out.push_back(assign(t, std::move(value), origin));
  defined_.insert(t);
  return t;
}

ExprRef Lowerer::convert(ExprRef value, const Type& to, Block& out, int origin) {
  if (value->op == Op::Const && to.isFloating())
    return constant(value->number, to, formatLiteral(value->number, to.kind));
  if (!value->type.isFloating() || !to.isFloating()) return cast(value, to, true);
  if (!value->isAtom()) value = fn_.ref(materialize(value, out, origin));
  return fn_.ref(materialize(cast(value, to, true), out, origin));
}

ExprRef Lowerer::lowerOperand(const cl::Expr* e, Block& out) {
  if (!isFloating(e)) return lowerPassive(e);
  int origin = currentOrigin_;
  ExprRef node = lowerNode(e, out, origin);
  if (!node || node->isAtom()) return node;
  if (node->op == Op::Cast && node->args[0]->type.kind == TypeKind::Int) return node;
  return fn_.ref(materialize(node, out, origin));
}

bool Lowerer::sameValue(cl::ASTContext& ast, const cl::Expr* a, const cl::Expr* b) {
  if (a->HasSideEffects(ast) || b->HasSideEffects(ast)) return false;
  llvm::FoldingSetNodeID ida, idb;
  a->IgnoreParenImpCasts()->Profile(ida, ast, /*Canonical=*/true);
  b->IgnoreParenImpCasts()->Profile(idb, ast, /*Canonical=*/true);
  return ida == idb;
}

const cl::Expr* Lowerer::strip(const cl::Expr* e) {
  while (true) {
    e = e->IgnoreParens();
    if (const auto* ic = llvm::dyn_cast<cl::ImplicitCastExpr>(e)) {
      auto k = ic->getCastKind();
      if (k == cl::CK_LValueToRValue || k == cl::CK_NoOp) {
        e = ic->getSubExpr();
        continue;
      }
    }
    if (const auto* mt = llvm::dyn_cast<cl::MaterializeTemporaryExpr>(e)) {
      e = mt->getSubExpr();
      continue;
    }
    if (const auto* ewc = llvm::dyn_cast<cl::ExprWithCleanups>(e)) {
      e = ewc->getSubExpr();
      continue;
    }
    if (const auto* ce = llvm::dyn_cast<cl::ConstantExpr>(e)) {
      e = ce->getSubExpr();
      continue;
    }
    if (const auto* da = llvm::dyn_cast<cl::CXXDefaultArgExpr>(e)) {
      e = da->getExpr();
      continue;
    }
    return e;
  }
}

ExprRef Lowerer::lowerNode(const cl::Expr* e, Block& out, int origin) {
  int savedOrigin = currentOrigin_;
  currentOrigin_ = origin;
  e = strip(e);
  std::optional<ExprRef> idiom = lowerIdiom(e, out);
  ExprRef r = idiom ? *idiom : lowerNodeImpl(e, out);
  currentOrigin_ = savedOrigin;
  return r;
}

ExprRef Lowerer::lowerNodeImpl(const cl::Expr* e, Block& out) {
  if (std::optional<ExprRef> h = hoistedValue(e, &out)) return *h;  // (lower/Sequencing.cpp)
  auto type = scalarType(e->getType());
  if (!type) return reportType(e->getType(), sourceText(e), e->getExprLoc());
  if (const auto* fl = llvm::dyn_cast<cl::FloatingLiteral>(e))
    return constant(fl->getValueAsApproximateDouble(), *type, sourceText(e));
  if (llvm::isa<cl::CXXScalarValueInitExpr>(e))  // `double()`
    return constant(0, *type, type->isFloating() ? formatLiteral(0, type->kind) : "0");
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) return lowerDeclRef(ref, *type);
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(e)) return lowerMember(me);
  if (const auto* ce = llvm::dyn_cast<cl::CastExpr>(e)) return lowerCast(ce, *type, out);
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e)) {
    if (uo->getOpcode() == cl::UO_Plus) return lowerNode(uo->getSubExpr(), out, currentOrigin_);
    if (uo->getOpcode() == cl::UO_Minus) {
      ExprRef a = lowerOperand(uo->getSubExpr(), out);
      return a ? unary(Op::Neg, a, *type) : nullptr;
    }
    if (uo->isIncrementDecrementOp()) return sideEffect(e);
    if (VarId scalar = derefScalar(uo); scalar != kNoVar) return fn_.ref(scalar);
    if (uo->getOpcode() == cl::UO_Deref) return lowerElementRead(uo, *type, &out);
    return unsupportedExpr(e);
  }
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
    if (bo->isAssignmentOp()) return sideEffect(e);
    Op op = binaryOp(bo->getOpcode());
    if (op != Op::Add && op != Op::Sub && op != Op::Mul && op != Op::Div) return unsupportedExpr(e);
    ExprRef a = lowerOperand(bo->getLHS(), out);
    // `w[j] * w[j]`: one operand, so reverse sees the shape a*a.
    if (a && op == Op::Mul && sameValue(env_.ast, bo->getLHS(), bo->getRHS())) return binary(op, a, a, *type);
    ExprRef b = a ? lowerOperand(bo->getRHS(), out) : nullptr;
    return b ? binary(op, a, b, *type) : nullptr;
  }
  if (const auto* co = llvm::dyn_cast<cl::ConditionalOperator>(e)) return lowerConditional(co, *type, out);
  if (auto el = stdArrayElement(e)) return el->first == kNoVar ? nullptr : load(el->first, el->second, *type);
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e)) return lowerCall(call, *type, out, false);
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e)) {
    if (auto table = globalElement(sub, *type)) return *table;
    if (VarId scalar = derefScalar(sub); scalar != kNoVar) return fn_.ref(scalar);
    auto element = subscriptElement(sub);
    return element ? readElement(*element, *type, &out) : nullptr;
  }
  return unsupportedExpr(e);
}

ExprRef Lowerer::lowerConditional(const cl::ConditionalOperator* co, const Type& type, Block& out) {
  int origin = currentOrigin_;
  ExprRef cond = lowerPassive(co->getCond());
  if (!cond) return nullptr;
  VarId c = materialize(cond, out, origin);
  VarId result = newVar("sel", type, VarRole::Temp);
  Stmt st;
  st.kind = StmtKind::If;
  st.value = fn_.ref(c);
  st.origin = origin;
  size_t mark = defined_.mark();
  ExprRef a = lowerNode(co->getTrueExpr(), st.thenBlock, origin);
  if (!a) return nullptr;
  if (a->type != type) a = convert(a, type, st.thenBlock, origin);
  st.thenBlock.push_back(assign(result, a, origin));
  ExprRef b = lowerNode(co->getFalseExpr(), st.elseBlock, origin);
  if (!b) return nullptr;
  if (b->type != type) b = convert(b, type, st.elseBlock, origin);
  st.elseBlock.push_back(assign(result, b, origin));
  defined_.undo(mark);
  defined_.insert(result);
  out.push_back(std::move(st));
  return fn_.ref(result);
}

ExprRef Lowerer::lowerDeclRef(const cl::DeclRefExpr* ref, const Type& type) {
  const cl::ValueDecl* d = ref->getDecl();
  if (auto it = vars_.find(d); it != vars_.end()) return fn_.ref(it->second);
  if (auto it = views_.find(d); it != views_.end() && it->second.element)
    return load(it->second.array, it->second.offset, type);
  if (const auto* ec = llvm::dyn_cast<cl::EnumConstantDecl>(d))
    return constant(static_cast<double>(ec->getInitVal().getSExtValue()), type,
                    std::to_string(ec->getInitVal().getSExtValue()));
  if (const auto* vd = llvm::dyn_cast<cl::VarDecl>(d); vd && vd->hasGlobalStorage())
    return lowerGlobal(vd, ref, type, {});
  if (const auto* p = llvm::dyn_cast<cl::ParmVarDecl>(d); p && adjointParams_.count(p)) {
    env_.diags.report(ref->getExprLoc(), Diag::UnsupportedExpr,
                      {"reading an adjoint pointer outside '*d += ...'"});
    failed_ = true;
    return nullptr;
  }
  return unsupportedExpr(ref);
}

ExprRef Lowerer::lowerCast(const cl::CastExpr* ce, const Type& type, Block& out) {
  const cl::Expr* sub = ce->getSubExpr();
  bool implicit = llvm::isa<cl::ImplicitCastExpr>(ce);
  switch (ce->getCastKind()) {
    case cl::CK_NoOp:
    case cl::CK_LValueToRValue:
      return lowerNode(sub, out, currentOrigin_);
    case cl::CK_FloatingCast: {
      ExprRef a = lowerOperand(sub, out);
      if (!a) return nullptr;
      if (a->op == Op::Const) return constant(a->number, type, formatLiteral(a->number, type.kind));
      return cast(a, type, implicit);
    }
    case cl::CK_IntegralToFloating:
    case cl::CK_BooleanToSignedIntegral: {
      ExprRef a = lowerPassive(sub);
      if (!a) return nullptr;
      if (a->op == Op::Const) return constant(a->number, type, formatLiteral(a->number, type.kind));
      return cast(a, type, implicit);
    }
    default:
      if (ce->getCastKind() == cl::CK_BitCast || ce->getCastKind() == cl::CK_LValueBitCast ||
          llvm::isa<cl::CXXReinterpretCastExpr>(ce)) {
        env_.diags.report(ce->getExprLoc(), Diag::TypePunning, {"this cast"});
        failed_ = true;
        return nullptr;
      }
      return unsupportedExpr(ce);
  }
}

ExprRef Lowerer::lowerCall(const cl::CallExpr* call, const Type& type, Block& out, bool passive) {
  const cl::FunctionDecl* fd = call->getDirectCallee();
  const auto* callOperator = llvm::dyn_cast_or_null<cl::CXXMethodDecl>(fd);
  if (const auto* op = llvm::dyn_cast<cl::CXXOperatorCallExpr>(call); op && op->getOperator() == cl::OO_Call &&
                                                                      !env_.opaqueCalls && callOperator &&
                                                                      callOperator->getParent()->isLambda()) {
    if (passive) {
      env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                        {"calling a lambda in a condition, an index or a loop bound (assign its result to a local "
                         "variable first, and use that)"});
      failed_ = true;
      return nullptr;
    }
    if (std::optional<ExprRef> r = lowerLambdaCall(call, out)) return *r;
  }
  const cl::FunctionDecl* userOperator = nullptr;  // `dot(p, q)` spelled `p * q`: inlined like a call
  if (!fd || (llvm::isa<cl::CXXOperatorCallExpr>(call) && (env_.opaqueCalls || !inlinable(fd, userOperator))) || (llvm::isa<cl::CXXMethodDecl>(fd) && env_.opaqueCalls))
    return unsupportedExpr(call);
  // INFINITY, HUGE_VAL and NAN expand to these: constants.
  if (fd->getBuiltinID() && type.isFloating()) {
    llvm::StringRef b = fd->getName();
    if (b.starts_with("__builtin_inf") || b.starts_with("__builtin_huge_val"))
      return constant(HUGE_VAL, type, formatLiteral(HUGE_VAL, type.kind));
    if ((b == "__builtin_nan" || b == "__builtin_nanf") && call->getNumArgs() == 1)
      return constant(std::nan(""), type, formatLiteral(std::nan(""), type.kind));
  }
  auto callee = std::make_shared<Callee>();
  std::string name = fd->getQualifiedNameAsString();
  // A marked callee taking inputs only (scalars, const arrays) and returning
  // a value has a pullback of its own to call; any other function with a
  // body is inlined (README: calls).
  // (A marked member function is inlined: its pullback, S_f_pullback, takes the object.)
  bool inputsOnly = !fd->getReturnType()->isVoidType() && !llvm::isa<cl::CXXMethodDecl>(fd) &&
                    std::all_of(fd->param_begin(), fd->param_end(), [](const cl::ParmVarDecl* p) {
                      cl::QualType t = p->getType();
                      if (t->isPointerType())
                        return t->getPointeeType().isConstQualified() && scalarType(t->getPointeeType()).has_value();
                      return scalarType(t).has_value() && !t->isReferenceType();
                    });
  // One array passed twice: the pullback's adjoint arrays are restrict
  // (emit), so the call is inlined instead. So is a call given a view into
  // an array (`x + k`, `&x[k]`): a pullback takes arrays whole.
  if (inputsOnly && env_.markedIndex.count(fd->getCanonicalDecl())) {
    std::set<VarId> arraysPassed;
    for (const cl::Expr* arg : call->arguments())
      if (arg->getType()->isPointerType() || arg->getType()->isArrayType()) {
        VarId a = wholeArray(arg);
        if (a == kNoVar || !arraysPassed.insert(a).second) inputsOnly = false;
      }
    if (failed_) return nullptr;
  }
  const cl::FunctionDecl* def = nullptr;
  auto marked = env_.markedIndex.find(fd->getCanonicalDecl());
  // A user's GRADC_PULLBACK_OF comes first, then the built-in rules.
  const Rule* userRule = env_.opaqueCalls ? nullptr : env_.rules.findFor(fd->getCanonicalDecl());
  bool hasRule = !env_.opaqueCalls && (userRule || env_.rules.find(ruleKey(fd), call->getNumArgs()));
  if (!env_.opaqueCalls)
    if (std::optional<ExprRef> constantCall = lowerConstantCall(call, type, hasRule)) return *constantCall;
  if (!env_.opaqueCalls && !hasRule && (marked == env_.markedIndex.end() || !inputsOnly) && inlinable(fd, def)) {
    if (passive) {
      // A passive tree (an index, a condition, a loop bound) has no place for the statements.
      env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                        {"calling '" + name + "' in a condition, an index or a loop bound (assign its result "
                         "to a local variable first, and use that)"});
      failed_ = true;
      return nullptr;
    }
    return inlineCall(call, def, out);
  }
  if (userRule) {
    noteOpaqueCall(fd);
    callee->rule = userRule;
    if (userRule->called) {
      const auto* pb = static_cast<const cl::FunctionDecl*>(userRule->decl);
      callee->pullback = qualify(namespacesOf(pb->getDeclContext()), pb->getNameAsString());
    }
    callee->spelling = isLibraryFunction(fd) ? calleeSpelling(fd, call->getCallee())
                                             : qualify(namespacesOf(fd->getDeclContext()), fd->getNameAsString());
  } else if (auto it = marked; it != env_.markedIndex.end()) {
    callee->function = it->second;
    std::vector<std::string> ns = namespacesOf(fd->getDeclContext());
    callee->spelling = qualify(ns, fd->getNameAsString());
  } else if (env_.opaqueCalls) {
    // A rule's body is pasted into functions of any namespace: its own
    // helpers go by their full names (`act::logistic`).
    std::string full;
    for (const std::string& n : namespacesOf(fd->getDeclContext())) full += n + "::";
    callee->spelling = isLibraryFunction(fd) ? calleeSpelling(fd, call->getCallee()) : full + fd->getNameAsString();
    callee->decl = fd->getCanonicalDecl();
  } else if (const Rule* rule = userRule ? userRule : env_.rules.find(ruleKey(fd), call->getNumArgs())) {
    callee->rule = rule;
    callee->spelling = calleeSpelling(fd, call->getCallee());
  } else if (fd->getName() == "memcpy" || fd->getName() == "memmove" ||
             fd->getName() == "bit_cast") {
    env_.diags.report(call->getExprLoc(), Diag::TypePunning, {"'" + name + "'"});
    failed_ = true;
    return nullptr;
  } else if (isLibraryFunction(fd) && scalarSignature(fd) &&
             (!fd->hasBody() || !scalarType(fd->getReturnType())->isFloating())) {
    // Fine while passive (`lgamma(0.5 * n)`): reverse decides. A bool or int
    // result (`std::isnan(x)`, `std::signbit(x)`) carries no derivative.
    callee->noRule = true;
    callee->spelling = calleeSpelling(fd, call->getCallee());
  } else if (std::optional<std::string> macro = classificationMacro(fd)) {
    callee->noRule = true;  // (an int result: read like a comparison)
    callee->spelling = *macro;
  } else {
    const cl::FunctionDecl* def = nullptr;
    bool hasBody = fd->hasBody(def);
    env_.diags.report(call->getExprLoc(), hasBody || isLibraryFunction(fd) ? Diag::UnmarkedCallee : Diag::NoDefinition, {name});
    failed_ = true;
    return nullptr;
  }
  // A called rule or marked callee takes arrays whole, and its arguments in
  // its own types.
  bool called = (callee->rule && callee->rule->called) || callee->function >= 0;
  std::vector<ExprRef> args;
  for (const cl::Expr* arg : call->arguments()) {
    if (arg->getType()->isPointerType() || arg->getType()->isArrayType()) {
      VarId array = called ? wholeArray(arg) : kNoVar;
      if (failed_) return nullptr;
      if (array != kNoVar) {
        args.push_back(fn_.ref(array));
        continue;
      }
      env_.diags.report(called ? arg->getBeginLoc() : arg->getExprLoc(), Diag::UnsupportedExpr,
                        {called ? "passing '" + sourceText(arg) + "' to '" + name + "' (" + kWholeArray + ")"
                                : "passing an array to '" + name +
                                      "' (calls take scalar arguments, unless a GRADC_PULLBACK_OF rule covers it)"});
      failed_ = true;
      return nullptr;
    }
    ExprRef a;
    if (passive || !isFloating(arg))
      a = lowerPassive(arg);
    else
      a = lowerOperand(arg, out);
    if (!a) return nullptr;
    // Rules take every argument in the call's floating type (pow(x, 2)).
    if (callee->rule && !called && type.isFloating() && a->type != type)
      // Passive trees are never split into statements: `out` is discarded there.
      a = passive ? cast(a, type, true) : convert(a, type, out, currentOrigin_);
    args.push_back(a);
  }
  return ir::call(callee, std::move(args), type);
}

ExprRef Lowerer::lowerPassive(const cl::Expr* e) {
  e = strip(e);
  if (std::optional<ExprRef> h = hoistedValue(e, nullptr)) return *h;
  auto type = scalarType(e->getType());
  if (!type) return reportType(e->getType(), sourceText(e), e->getExprLoc());
  if (const auto* il = llvm::dyn_cast<cl::IntegerLiteral>(e))
    return constant(static_cast<double>(il->getValue().getSExtValue()), *type, sourceText(e));
  if (const auto* st = llvm::dyn_cast<cl::SubstNonTypeTemplateParmExpr>(e)) {
    // A template's `N`, in an instantiation: its value (the name means nothing outside).
    cl::Expr::EvalResult r;
    if (st->EvaluateAsInt(r, env_.ast)) {
      long v = r.Val.getInt().getExtValue();
      return constant(static_cast<double>(v), *type, std::to_string(v));
    }
  }
  if (const auto* bl = llvm::dyn_cast<cl::CXXBoolLiteralExpr>(e))
    return constant(bl->getValue() ? 1 : 0, *type, bl->getValue() ? "true" : "false");
  if (llvm::isa<cl::CXXScalarValueInitExpr>(e))  // `int()`
    return constant(0, *type, type->isFloating() ? formatLiteral(0, type->kind) : "0");
  if (const auto* fl = llvm::dyn_cast<cl::FloatingLiteral>(e))
    return constant(fl->getValueAsApproximateDouble(), *type, sourceText(e));
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) return lowerDeclRef(ref, *type);
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(e)) return lowerMember(me);
  if (const auto* ce = llvm::dyn_cast<cl::CastExpr>(e)) {
    if (ce->getCastKind() == cl::CK_BitCast || llvm::isa<cl::CXXReinterpretCastExpr>(ce)) {
      env_.diags.report(ce->getExprLoc(), Diag::TypePunning, {"this cast"});
      failed_ = true;
      return nullptr;
    }
    ExprRef a = lowerPassive(ce->getSubExpr());
    if (!a) return nullptr;
    if (a->type == *type) return a;
    if (a->op == Op::Const && type->isFloating())
      return constant(a->number, *type, formatLiteral(a->number, type->kind));
    return cast(a, *type, llvm::isa<cl::ImplicitCastExpr>(ce));
  }
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e)) {
    Op op = uo->getOpcode() == cl::UO_Minus ? Op::Neg
            : uo->getOpcode() == cl::UO_LNot ? Op::Not
                                             : Op::Const;
    if (uo->getOpcode() == cl::UO_Plus) return lowerPassive(uo->getSubExpr());
    if (uo->isIncrementDecrementOp()) return sideEffect(e);
    if (VarId scalar = derefScalar(uo); scalar != kNoVar) return fn_.ref(scalar);
    if (uo->getOpcode() == cl::UO_Deref) return lowerElementRead(uo, *type);
    if (op == Op::Const) return unsupportedExpr(e);
    ExprRef a = lowerPassive(uo->getSubExpr());
    return a ? unary(op, a, *type) : nullptr;
  }
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
    if (bo->isAssignmentOp()) return sideEffect(e);
    Op op = binaryOp(bo->getOpcode());
    if (op == Op::Const) return unsupportedExpr(e);
    ExprRef a = lowerPassive(bo->getLHS());
    ExprRef b = a ? lowerPassive(bo->getRHS()) : nullptr;
    return b ? binary(op, a, b, *type) : nullptr;
  }
  if (const auto* co = llvm::dyn_cast<cl::ConditionalOperator>(e)) {
    ExprRef c = lowerPassive(co->getCond());
    ExprRef a = c ? lowerPassive(co->getTrueExpr()) : nullptr;
    ExprRef b = a ? lowerPassive(co->getFalseExpr()) : nullptr;
    if (!b) return nullptr;
    if (a->type != *type) a = cast(a, *type, true);
    if (b->type != *type) b = cast(b, *type, true);
    return select(c, a, b);
  }
  if (auto el = stdArrayElement(e)) return el->first == kNoVar ? nullptr : load(el->first, el->second, *type);
  if (auto n = stdArraySize(e)) return *n;
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e)) {
    Block unused;
    return lowerCall(call, *type, unused, true);
  }
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e)) {
    if (auto table = globalElement(sub, *type)) return *table;
    if (VarId scalar = derefScalar(sub); scalar != kNoVar) return fn_.ref(scalar);
    auto element = subscriptElement(sub);
    return element ? readElement(*element, *type, nullptr) : nullptr;
  }
  return unsupportedExpr(e);
}

}  // namespace gradc::lowering
