// Statements evaluated for their effects alone: `printf(...)`, `assert(c)`,
// `(void)x`, a void library call or a GRADC_NONDIFF helper called as a
// statement. They run once, as written, in the forward sweep (ir
// StmtKind::Effect): the reverse sweep never replays them, so a printf in a
// loop prints once per iteration, as in the source.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace gradc::lowering {

bool isNondiff(const cl::FunctionDecl* fd) {
  for (const cl::FunctionDecl* redecl : fd->redecls())
    for (const auto* attr : redecl->specific_attrs<cl::AnnotateAttr>())
      if (attr->getAnnotation() == "gradc.nondiff") return true;
  return false;
}

bool Lowerer::visibleToHeader(const cl::FunctionDecl* fd) const {
  // The generated header is included where the source is not (main.cpp):
  // it can call by name what a header declares, not what the source file does.
  if (isLibraryFunction(fd)) return true;
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  return !sm.isInMainFile(sm.getExpansionLoc(fd->getCanonicalDecl()->getLocation()));
}

namespace {

// Whether `e` reads no floating-point variable (nor a struct, nor an array
// of them): integers, literals and constants only, so no differentiated
// value reaches it.
bool readsNoFloating(const cl::Stmt* e) {
  if (!e) return true;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) {
    const auto* vd = llvm::dyn_cast<cl::VarDecl>(ref->getDecl());
    if (!vd) return true;  // a function name, an enumerator
    cl::QualType t = vd->getType().getNonReferenceType();
    while (t->isPointerType() || t->isArrayType())
      t = t->isPointerType() ? t->getPointeeType() : cl::QualType(t->getArrayElementTypeNoTypeQual(), 0);
    return t->isIntegralOrEnumerationType();
  }
  if (llvm::isa<cl::MemberExpr>(e) || llvm::isa<cl::CXXThisExpr>(e) || llvm::isa<cl::LambdaExpr>(e)) return false;
  for (const cl::Stmt* child : e->children())
    if (!readsNoFloating(child)) return false;
  return true;
}

// Source text printed as it is (a string literal): an atom no pass looks into.
ExprRef verbatim(std::string text) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Global;
  e->type = Type::integer("const char*");
  e->text = std::move(text);
  return e;
}

}  // namespace

std::optional<std::string> Lowerer::stringArgument(const cl::Expr* e) const {
  e = e->IgnoreParenImpCasts();
  if (llvm::isa<cl::StringLiteral>(e)) return sourceText(e);
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e);
  auto it = ref ? strings_.find(ref->getDecl()) : strings_.end();
  if (it == strings_.end()) return std::nullopt;
  return it->second;
}

bool Lowerer::isStandardStream(const cl::Expr* e) const {
  // stdout and stderr of <cstdio> (a macro naming a variable of a system header).
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* vd = ref ? llvm::dyn_cast<cl::VarDecl>(ref->getDecl()) : nullptr;
  if (!vd || !vd->hasGlobalStorage() || !vd->getType()->isPointerType()) return false;
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  std::string text = sourceText(e->IgnoreParenImpCasts());
  return sm.isInSystemHeader(sm.getExpansionLoc(vd->getLocation())) && (text == "stderr" || text == "stdout");
}

bool Lowerer::nondiffTakesInputsOnly(const cl::CallExpr* call) {
  // A write through a parameter would carry a gradient.
  const cl::FunctionDecl* fd = call->getDirectCallee();
  for (const cl::ParmVarDecl* p : fd->parameters()) {
    cl::QualType pointee = p->getType()->getPointeeType();
    if (!pointee.isNull() && !pointee.isConstQualified()) {
      env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                        {"calling GRADC_NONDIFF '" + fd->getQualifiedNameAsString() +
                         "', which writes through a parameter (a GRADC_NONDIFF function takes inputs only: it "
                         "returns its result, or is called as a statement for its effects)"});
      failed_ = true;
      return false;
    }
  }
  return true;
}

std::optional<ExprRef> Lowerer::lowerConstantCall(const cl::CallExpr* call, const Type& type, bool hasRule) {
  const cl::FunctionDecl* fd = call->getDirectCallee();
  if (!fd || llvm::isa<cl::CXXOperatorCallExpr>(call) || llvm::isa<cl::CXXMemberCallExpr>(call)) return std::nullopt;
  const std::string name = fd->getQualifiedNameAsString();
  // (A GRADC_NONDIFF function of the source file is inlined, lower/Inline.cpp.)
  bool nondiff = isNondiff(fd) && visibleToHeader(fd);
  const cl::FunctionDecl* def = nullptr;
  bool opaque = !hasRule && !inlinable(fd, def) && visibleToHeader(fd) &&
                env_.markedIndex.find(fd->getCanonicalDecl()) == env_.markedIndex.end();
  if (!nondiff && !(opaque && std::all_of(call->arg_begin(), call->arg_end(), readsNoFloating))) return std::nullopt;
  if (nondiff && !nondiffTakesInputsOnly(call)) return nullptr;
  noteOpaqueCall(fd);
  auto callee = std::make_shared<Callee>();
  callee->spelling = isLibraryFunction(fd) ? calleeSpelling(fd, call->getCallee())
                                           : qualify(namespacesOf(fd->getDeclContext()), fd->getNameAsString());
  std::vector<ExprRef> args;
  for (const cl::Expr* arg : call->arguments()) {
    const cl::Expr* bare = arg->IgnoreParenImpCasts();
    if (bare->getType()->isPointerType() || bare->getType()->isArrayType()) {
      VarId array = wholeArray(bare);
      if (failed_) return nullptr;
      if (array == kNoVar) {
        env_.diags.report(arg->getExprLoc(), Diag::UnsupportedExpr,
                          {"passing '" + sourceText(arg) + "' to '" + name + "' (" + kWholeArray + ")"});
        failed_ = true;
        return nullptr;
      }
      args.push_back(fn_.ref(array));
      continue;
    }
    ExprRef a = lowerPassive(arg);
    if (!a) return nullptr;
    args.push_back(a);
  }
  // No rule, no marked function: a constant to the gradient (analyses/Activity).
  return ir::call(callee, std::move(args), type);
}

bool Lowerer::isEffectCall(const cl::CallExpr* call) {
  const cl::FunctionDecl* fd = call->getDirectCallee();
  if (!fd || llvm::isa<cl::CXXOperatorCallExpr>(call) || llvm::isa<cl::CXXMemberCallExpr>(call)) return false;
  const cl::FunctionDecl* def = nullptr;
  return visibleToHeader(fd) && (isNondiff(fd) || !inlinable(fd, def));
}

bool Lowerer::lowerEffect(const cl::Expr* e, int origin, Block& out) {
  e = e->IgnoreParens();
  // assert(c): `(static_cast<bool>(c) ? void(0) : __assert_fail(...))`; with
  // NDEBUG `(void)0`, which the cast below drops.
  std::string text = sourceText(e);
  bool isAssert = e->getBeginLoc().isMacroID() && (text.rfind("assert(", 0) == 0 || text.rfind("assert (", 0) == 0);
  if (const auto* co = llvm::dyn_cast<cl::ConditionalOperator>(e); co && isAssert) {
    const cl::Expr* cond = co->getCond()->IgnoreParenImpCasts();
    if (const auto* sc = llvm::dyn_cast<cl::CXXStaticCastExpr>(cond)) cond = sc->getSubExpr()->IgnoreParenImpCasts();
    // assert(ok && "message"): the message is for the reader.
    if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(cond);
        bo && bo->getOpcode() == cl::BO_LAnd && llvm::isa<cl::StringLiteral>(bo->getRHS()->IgnoreParenImpCasts()))
      cond = bo->getLHS();
    ExprRef c = lowerPassive(cond);
    if (!c) return true;
    auto callee = std::make_shared<Callee>();
    callee->spelling = "assert";
    Stmt st;
    st.kind = StmtKind::Effect;
    st.callee = callee;
    st.args = {c};
    st.origin = origin;
    out.push_back(std::move(st));
    return true;
  }
  if (const auto* ce = llvm::dyn_cast<cl::ExplicitCastExpr>(e); ce && ce->getType()->isVoidType()) {
    const cl::Expr* sub = ce->getSubExpr()->IgnoreParens();
    if (!sub->HasSideEffects(env_.ast)) return true;  // `(void)x;`: marks x used, does nothing
    const auto* call = llvm::dyn_cast<cl::CallExpr>(sub);
    if (!call || !isEffectCall(call)) return false;
    e = call;
  }
  const auto* call = llvm::dyn_cast<cl::CallExpr>(e);
  const cl::FunctionDecl* def = nullptr;
  if (call && call->getDirectCallee() && !visibleToHeader(call->getDirectCallee()) &&
      !inlinable(call->getDirectCallee(), def) && !llvm::isa<cl::CXXMemberCallExpr>(call)) {
    env_.diags.report(call->getExprLoc(), Diag::UnsupportedExpr,
                      {"calling '" + call->getDirectCallee()->getQualifiedNameAsString() +
                       "', declared in the source file without a body (the generated header calls such a "
                       "function by name: declare it in a header the source includes)"});
    failed_ = true;
    return true;
  }
  if (!call || !isEffectCall(call)) return false;
  const cl::FunctionDecl* fd = call->getDirectCallee();
  const std::string name = fd->getQualifiedNameAsString();
  if (isNondiff(fd) && !nondiffTakesInputsOnly(call)) return true;
  noteOpaqueCall(fd);
  auto callee = std::make_shared<Callee>();
  callee->spelling = isLibraryFunction(fd) ? calleeSpelling(fd, call->getCallee())
                                           : qualify(namespacesOf(fd->getDeclContext()), fd->getNameAsString());
  Stmt st;
  st.kind = StmtKind::Effect;
  st.callee = callee;
  st.origin = origin;
  for (unsigned k = 0; k < call->getNumArgs(); ++k) {
    const cl::Expr* arg = call->getArg(k);
    const cl::Expr* bare = arg->IgnoreParenImpCasts();
    const cl::ParmVarDecl* p = k < fd->getNumParams() ? fd->getParamDecl(k) : nullptr;
    if (std::optional<std::string> text = stringArgument(bare)) {
      st.args.push_back(verbatim(*text));
      continue;
    }
    if (isStandardStream(bare)) {  // `fprintf(stderr, ...)`
      st.args.push_back(verbatim(sourceText(bare)));
      continue;
    }
    auto reject = [&](const std::string& why) {
      env_.diags.report(arg->getExprLoc(), Diag::UnsupportedExpr,
                        {"passing '" + sourceText(arg) + "' to '" + name + "', a call evaluated for its effects (" +
                         why + ")"});
      failed_ = true;
      return true;
    };
    cl::QualType pt = p ? p->getType() : arg->getType();
    if (pt->isReferenceType() && !pt.getNonReferenceType().isConstQualified())
      return reject("a non-const reference: the call could write it; pass a copy, or call it in a GRADC_NONDIFF "
                    "helper that returns the result");
    if (bare->getType()->isPointerType() || bare->getType()->isArrayType()) {
      bool readOnly = pt->isPointerType() && pt->getPointeeType().isConstQualified();
      if (!readOnly)
        return reject("a non-const pointer: the call could write it; pass 'const T*'");
      VarId array = wholeArray(bare);
      if (failed_) return true;
      if (array == kNoVar) return reject(kWholeArray);
      st.args.push_back(fn_.ref(array));
      continue;
    }
    if (!scalarType(arg->getType()))
      return reject("scalars, strings and arrays are passed; this is '" + arg->getType().getAsString() + "'");
    ExprRef a = lowerPassive(arg);
    if (!a) return true;
    st.args.push_back(a);
  }
  out.push_back(std::move(st));
  return true;
}

}  // namespace gradc::lowering
