// Lowering of statements: blocks, declarations, assignments, if/else and
// early returns (turned into single-exit structured code).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Path.h"

#include <cctype>
#include <tuple>

namespace gradc::lowering {

void Lowerer::bindParam(const cl::ParmVarDecl* p, VarId id, const std::vector<long>& dims) {
  vars_[p] = id;
  defined_.insert(id);
  if (dims.size() > 1) dims_[id] = dims;  // `T A[R][C]`: indexed row-major
}

bool Lowerer::lowerBody(const cl::CompoundStmt* body) {
  std::vector<Range> cont;  // nothing runs after the body
  copyValueParams(fn_.body);
  bool returns = lowerSeq(Range(body->body_begin(), body->body_end()), &cont, fn_.body);
  if (!returns && fn_.result != kNoVar && !failed_ && !hadErrors_) {
    env_.diags.report(body->getRBracLoc(), Diag::MissingReturn, {fn_.name});
    failed_ = true;
  }
  if (!globalsStayPut()) failed_ = true;
  return !failed_ && !hadErrors_;
}

bool Lowerer::lowerSeq(Range stmts, std::vector<Range>* cont, Block& out) {
  for (auto it = stmts.begin(); it != stmts.end(); ++it) {
    const cl::Stmt* s = *it;
    if (!poisoned_.empty() && llvm::isa<cl::ReturnStmt>(s) && usesPoisoned(s)) {
      recover(s);  // (a failed declaration's variable: not reported again)
      return true;
    }
    if (const auto* ret = llvm::dyn_cast<cl::ReturnStmt>(s)) {
      lowerReturn(ret, out);
      return true;
    }
    if (llvm::isa<cl::ContinueStmt>(s)) return true;  // this iteration's path ends here
    if (llvm::isa<cl::BreakStmt>(s) && breakLeavesSwitch_)
      return lowerBranch(nullptr, switchCont_, out);  // on with what follows the switch
    if (llvm::isa<cl::BreakStmt>(s)) {
      // The loop's later iterations do nothing (see lowerCountedLoop).
      out.push_back(assign(runningFlags_.back(), constant(0, Type::boolean(), "false"), addOrigin(s)));
      return true;
    }
    if (cont && containsExit(s)) {
      // The rest of this block runs only on paths that do not return: move
      // it into those paths, so the IR keeps a single exit.
      std::vector<Range> inner = *cont;
      inner.push_back(Range(std::next(it), stmts.end()));
      return lowerWithContinuation(s, inner, out);
    }
    if (!poisoned_.empty() && usesPoisoned(s)) {
      hadErrors_ = true;
      recover(s);
      continue;
    }
    lowerStmt(s, out);
    if (failed_ && !recover(s)) return false;
  }
  if (cont && !cont->empty()) return lowerNext(*cont, out);
  return false;
}

bool Lowerer::lowerNext(const std::vector<Range>& cont, Block& out) {
  std::vector<Range> rest = cont;
  Range next = rest.back();
  rest.pop_back();
  if (!breakLeavesSwitch_ || rest.size() >= switchContSize_) return lowerSeq(next, &rest, out);
  // Past the end of the innermost switch: a `break` there is its enclosing loop's (or switch's).
  SwitchFrame inner{breakLeavesSwitch_, switchCont_, switchContSize_}, outer = switchOuter_.back();
  switchOuter_.pop_back();
  std::tie(breakLeavesSwitch_, switchCont_, switchContSize_) = std::tie(outer.breakLeaves, outer.cont, outer.contSize);
  bool returns = lowerSeq(next, &rest, out);
  switchOuter_.push_back(outer);
  std::tie(breakLeavesSwitch_, switchCont_, switchContSize_) = std::tie(inner.breakLeaves, inner.cont, inner.contSize);
  return returns;
}

bool Lowerer::lowerWithContinuation(const cl::Stmt* s, std::vector<Range>& cont, Block& out) {
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s))
    return lowerSeq(Range(block->body_begin(), block->body_end()), &cont, out);
  if (llvm::isa<cl::ForStmt>(s) || llvm::isa<cl::WhileStmt>(s) || llvm::isa<cl::DoStmt>(s) ||
      llvm::isa<cl::CXXForRangeStmt>(s))
    return lowerLoopWithReturn(s, cont, out);
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s); ifs && ifs->isConstexpr())
    return lowerBranch(constexprBranch(ifs), &cont, out);
  if (const auto* sw = llvm::dyn_cast<cl::SwitchStmt>(s)) return lowerSwitch(sw, &cont, out);
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s)) {
    Stmt st = lowerIfHead(ifs, out);
    if (failed_) return false;
    size_t mark = defined_.mark();
    bool thenReturns = lowerBranch(ifs->getThen(), &cont, st.thenBlock);
    std::vector<VarId> definedByThen = defined_.undo(mark);
    bool elseReturns = lowerBranch(ifs->getElse(), &cont, st.elseBlock);
    for (VarId v : definedByThen) defined_.insert(v);
    out.push_back(std::move(st));
    return thenReturns && elseReturns;
  }
  unsupportedStmt(s);
  return false;
}

bool Lowerer::lowerBranch(const cl::Stmt* s, std::vector<Range>* cont, Block& out) {
  if (!s) return cont && !cont->empty() && lowerNext(*cont, out);
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s))
    return lowerSeq(Range(block->body_begin(), block->body_end()), cont, out);
  // A single statement: treat it as a one-statement block.
  cl::Stmt* const one[] = {const_cast<cl::Stmt*>(s)};
  return lowerSeq(Range(one, one + 1), cont, out);
}

void Lowerer::lowerReturn(const cl::ReturnStmt* ret, Block& out) {
  int origin = addOrigin(ret);
  bool inLoop = currentLoop_ != returnLoop_;
  if (inLoop && (returnedFlag_ == kNoVar || runningFlags_.empty() || runningFlags_.back() == kNoVar)) {
    env_.diags.report(ret->getBeginLoc(), Diag::UnsupportedStmt,
                      {"a 'return' inside a loop here (store the result in a variable and 'break'; return it "
                       "after the loop)"});
    failed_ = true;
    return;
  }
  if (ret->getRetValue() && ret->getRetValue()->getType()->isRecordType()) {
    if (returnStruct_ && !inLoop) {
      lowerStructInto(*returnStruct_, ret->getRetValue()->getType(), ret->getRetValue(), origin, out);
      return;
    }
    env_.diags.report(ret->getBeginLoc(), Diag::UnsupportedStmt,
                      {returnStruct_ ? "returning a struct from inside a loop (store it in a local, 'break', and "
                                       "return the local after the loop)"
                                     : "returning a struct from the differentiated function (return a scalar, or "
                                       "write the results through a pointer parameter)"});
    failed_ = true;
    return;
  }
  if (ret->getRetValue() && !hoistEffects(ret->getRetValue(), ret->getRetValue(), true, origin, out)) return;
  if (!inLoop) {
    if (ret->getRetValue()) lowerInto(inlining_.empty() ? fn_.result : returnTarget_, ret->getRetValue(), origin, out);
    return;  // the path just ends
  }
  if (ret->getRetValue() && returnValue_ != kNoVar) lowerInto(returnValue_, ret->getRetValue(), origin, out);
  // In a loop: the result is stored; stop this loop and those around it
  // (lowerLoopWithReturn), and skip what follows them.
  Type b = Type::boolean();
  out.push_back(assign(returnedFlag_, constant(1, b, "true"), origin));
  out.push_back(assign(runningFlags_.back(), constant(0, b, "false"), origin));
}

const cl::Stmt* Lowerer::constexprBranch(const cl::IfStmt* ifs) {
  // (In a template's instantiation the branch not taken may be missing.)
  bool taken = false;
  if (!ifs->getCond()->EvaluateAsBooleanCondition(taken, env_.ast)) {
    unsupportedStmt(ifs);
    return nullptr;
  }
  return taken ? ifs->getThen() : ifs->getElse();
}

void Lowerer::lowerStmt(const cl::Stmt* s, Block& out) {
  if (llvm::isa<cl::NullStmt>(s)) return;
  if (const auto* attributed = llvm::dyn_cast<cl::AttributedStmt>(s)) {
    lowerStmt(attributed->getSubStmt(), out);  // `[[fallthrough]];`, `[[likely]]`: no meaning here
    return;
  }
  if (const auto* sw = llvm::dyn_cast<cl::SwitchStmt>(s)) {
    std::vector<Range> none;  // nothing in it leaves the switch but `break`
    lowerSwitch(sw, &none, out);
    return;
  }
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s)) {
    lowerSeq(Range(block->body_begin(), block->body_end()), nullptr, out);
    return;
  }
  if (const auto* decl = llvm::dyn_cast<cl::DeclStmt>(s)) {
    int origin = addOrigin(s);  // one comment for `double x = a, y = b;`
    for (const cl::Decl* d : decl->decls()) lowerLocalDecl(d, origin, out);
    return;
  }
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s); ifs && ifs->isConstexpr()) {
    lowerBranch(constexprBranch(ifs), nullptr, out);
    return;
  }
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s)) {
    Stmt st = lowerIfHead(ifs, out);
    if (failed_) return;
    size_t mark = defined_.mark();
    lowerBranch(ifs->getThen(), nullptr, st.thenBlock);
    std::vector<VarId> definedByThen = defined_.undo(mark);
    lowerBranch(ifs->getElse(), nullptr, st.elseBlock);
    for (VarId v : definedByThen) defined_.insert(v);
    out.push_back(std::move(st));
    return;
  }
  if (const auto* e = llvm::dyn_cast<cl::Expr>(s)) {
    // std::min(x, 1.0) = ... binds a temporary: the statement is wrapped in cleanups.
    const cl::Expr* inner = e->IgnoreParens();
    if (const auto* ewc = llvm::dyn_cast<cl::ExprWithCleanups>(inner)) inner = ewc->getSubExpr()->IgnoreParens();
    lowerExprStmt(inner, addOrigin(s), out);
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::ForStmt>(s)) {
    lowerFor(loop, out);
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::CXXForRangeStmt>(s)) {
    lowerRangeFor(loop, out);  // (lower/Ranges.cpp)
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::WhileStmt>(s)) {
    if (loop->getConditionVariable()) return unsupportedStmt(s);
    lowerWhile(loop, loop->getCond(), loop->getBody(), LoopForm::While, out);
    return;
  }
  if (const auto* loop = llvm::dyn_cast<cl::DoStmt>(s)) {
    lowerWhile(loop, loop->getCond(), loop->getBody(), LoopForm::Do, out);
    return;
  }
  unsupportedStmt(s);
}

Stmt Lowerer::lowerIfHead(const cl::IfStmt* ifs, Block& out) {
  Stmt st;
  st.kind = StmtKind::If;
  if (ifs->getInit() || ifs->getConditionVariable() || ifs->isConsteval()) {
    unsupportedStmt(ifs);
    return st;
  }
  st.origin = addOrigin(ifs->getCond(), "if (" + sourceText(ifs->getCond()) + ")");
  if (!hoistEffects(ifs->getCond(), ifs->getCond(), true, st.origin, out)) return st;  // `if ((t = f(x)) > 0)`
  ExprRef cond = lowerPassive(ifs->getCond());
  if (!cond) return st;
  // Branch decisions live in a bool the reverse sweep reads again.
  VarId c = newVar("cond", Type::boolean(), VarRole::Temp);
  out.push_back(assign(c, cond, st.origin));
  defined_.insert(c);
  st.value = fn_.ref(c);
  return st;
}

void Lowerer::lowerLocalDecl(const cl::Decl* d, int origin, Block& out) {
  const auto* vd = llvm::dyn_cast<cl::VarDecl>(d);
  if (!vd) {
    if (llvm::isa<cl::TypedefNameDecl>(d) || llvm::isa<cl::StaticAssertDecl>(d)) return;
    env_.diags.report(d->getLocation(), Diag::UnsupportedStmt, {"this declaration"});
    failed_ = true;
    return;
  }
  if (vd->isStaticLocal() || vd->hasExternalStorage()) {
    env_.diags.report(vd->getLocation(), Diag::UnsupportedStmt,
                      {"a static or extern local variable"});
    failed_ = true;
    return;
  }
  if (lowerLambdaDecl(vd, origin, out)) return;  // (a lambda's type is a class too)
  if (std::string elem = vectorElement(vd->getType()); !elem.empty()) {
    env_.diags.report(vd->getLocation(), Diag::VectorLocal, {vd->getNameAsString(), elem});
    failed_ = true;
    return;
  }
  if (lowerStructDecl(vd, origin, out)) return;  // structs and std::array (lower/Values.cpp)
  if (lowerStructArrayDecl(vd, origin, out)) return;  // (lower/StructArrays.cpp)
  if (lowerHeapDecl(vd, origin, out)) return;  // (lower/Heap.cpp)
  if (lowerViewDecl(vd, out)) return;
  if (auto shape = arrayShape(vd->getType()); shape && shape->size >= 0) {
    lowerLocalArray(vd, *shape, origin, out);
    return;
  }
  auto type = scalarType(vd->getType().getNonReferenceType());
  if (!type) {
    reportType(vd->getType(), vd->getName().str(), vd->getLocation());
    return;
  }
  VarId id = newVar(vd->getName().str(), *type, VarRole::Local);
  const cl::Expr* init = vd->getInit();
  // `double a{};` is zero, `double a{x};` is `x`.
  if (const auto* list = llvm::dyn_cast_or_null<cl::InitListExpr>(init ? init->IgnoreImplicit() : nullptr);
      list && list->getNumInits() <= 1) {
    if (list->getNumInits() == 0) {
      bindVar(vd, id);
      emitAssign(id, constant(0, *type, type->isFloating() ? formatLiteral(0, type->kind) : "0"), origin, out);
      return;
    }
    init = list->getInit(0);
  }
  bindVar(vd, id);
  if (init && !hoistEffects(init, init, true, origin, out)) return;  // `double y = x++;`
  if (init) lowerInto(id, init, origin, out);
}

void Lowerer::lowerExprStmt(const cl::Expr* e, int origin, Block& out) {
  // `a = x, b = y;`: one statement after the other.
  if (const auto* comma = llvm::dyn_cast<cl::BinaryOperator>(e); comma && comma->getOpcode() == cl::BO_Comma) {
    lowerExprStmt(comma->getLHS()->IgnoreParens(), origin, out);
    if (!failed_) lowerExprStmt(comma->getRHS()->IgnoreParens(), origin, out);
    return;
  }
  lowerExprStmtIn(e, e, origin, out);
}

void Lowerer::lowerExprStmtIn(const cl::Expr* e, const cl::Expr* scope, int origin, Block& out) {
  if (!hoistEffects(e, scope, false, origin, out)) return;  // `a = b = x;`, `y = x++;`
  if (lowerStructAssign(e, origin, out)) return;
  if (lowerPointerMove(e, origin, out)) return;
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
    if (lowerConditionalAssign(bo, origin, out)) return;
    if (lowerOutputMemberWrite(bo, origin, out)) return;
    if (const cl::Expr* lhs = bo->getLHS()->IgnoreParens(); isElementPlace(lhs)) {
      lowerElementWrite(lhs, bo->getOpcode(), bo->getRHS(), origin, out);
      return;
    }
    if (bo->getOpcode() == cl::BO_Assign) {
      VarId dst = assignedVar(bo->getLHS());
      if (dst != kNoVar) lowerInto(dst, bo->getRHS(), origin, out);
      return;
    }
    if (const auto* ca = llvm::dyn_cast<cl::CompoundAssignOperator>(bo)) {
      lowerCompoundAssign(ca, origin, out);
      return;
    }
  }
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e))
    if (std::optional<ExprRef> r = lowerLambdaCall(call, out)) return;
  if (lowerHeapRelease(e) || lowerMemoryCall(e, origin, out) || lowerArrayFill(e, origin, out) ||
      lowerSwap(e, origin, out))
    return;
  if (lowerEffect(e, origin, out)) return;
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e)) {
    // `layer(W, x, h);`: a function writing through its parameters.
    const cl::FunctionDecl* fd = call->getDirectCallee();
    const cl::FunctionDecl* def = nullptr;
    if (fd && !llvm::isa<cl::CXXOperatorCallExpr>(call) && inlinable(fd, def)) {
      inlineCall(call, def, out);
      return;
    }
  }
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->isIncrementDecrementOp()) {
    VarId dst = assignedVar(uo->getSubExpr());
    if (dst == kNoVar) return;
    const Type t = fn_.var(dst).type;  // a copy: lowering adds variables
    ExprRef one = t.isFloating() ? constant(1, t, formatLiteral(1, t.kind)) : constant(1, t, "1");
    emitAssign(dst, binary(uo->isIncrementOp() ? Op::Add : Op::Sub, fn_.ref(dst), one, t), origin,
               out);
    return;
  }
  env_.diags.report(e->getExprLoc(), Diag::UnsupportedStmt,
                    {"an expression statement that is not an assignment"});
  failed_ = true;
}

void Lowerer::lowerCompoundAssign(const cl::CompoundAssignOperator* ca, int origin, Block& out) {
  VarId dst = assignedVar(ca->getLHS());
  if (dst == kNoVar) return;
  Op op = binaryOp(ca->getOpcode());
  if (op == Op::Const) {
    unsupportedExpr(ca);
    return;
  }
  auto compType = scalarType(ca->getComputationResultType());
  if (!compType) {
    unsupportedExpr(ca);
    return;
  }
  const Type dstType = fn_.var(dst).type;  // a copy: lowering adds variables
  ExprRef rhs = compType->isFloating() ? lowerOperand(ca->getRHS(), out) : lowerPassive(ca->getRHS());
  if (!rhs) return;
  ExprRef lhs = fn_.ref(dst);
  if (dstType != *compType) lhs = convert(lhs, *compType, out, origin);
  ExprRef value = binary(op, lhs, rhs, *compType);
  if (*compType != dstType) {
    // `float x; x += 1.0` computes in double, then converts back.
    value = fn_.ref(materialize(value, out, origin));
    value = cast(value, dstType, true);
  }
  emitAssign(dst, value, origin, out);
}

VarId Lowerer::assignedVar(const cl::Expr* lhs) {
  lhs = lhs->IgnoreParens();
  if (VarId scalar = derefScalar(lhs); scalar != kNoVar) return scalar;  // `*err = e` into the caller's `&werr`
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(lhs)) {
    auto it = vars_.find(ref->getDecl());
    if (it != vars_.end()) return it->second;
    if (auto v = views_.find(ref->getDecl()); v != views_.end()) {
      std::string p = ref->getDecl()->getNameAsString();
      env_.diags.report(lhs->getExprLoc(), Diag::UnsupportedExpr,
                        {v->second.element ? "'++' or '--' on the reference '" + p + "' (write '" + p + " += 1;')"
                                           : "moving the pointer '" + p + "' (a pointer into an array stays where it "
                                             "is declared: index from it instead, '" + p + "[k + i]', or declare "
                                             "another, 'const double* q = " + p + " + k;')"});
      failed_ = true;
      return kNoVar;
    }
  }
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(lhs)) {
    if (const auto* vd = llvm::dyn_cast<cl::VarDecl>(ref->getDecl()); vd && vd->hasGlobalStorage()) {
      env_.diags.report(lhs->getExprLoc(), Diag::UnsupportedExpr,
                        {"writing the global '" + vd->getNameAsString() + "' (a gradient follows values, not a global "
                         "changed behind the caller: keep it in a local, or write it through an output parameter "
                         "'double* " + vd->getNameAsString() + "_out')"});
      failed_ = true;
      return kNoVar;
    }
  }
  // A scalar member of a struct local (parameters' members are read-only).
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(lhs); me && !me->getType()->isArrayType())
    if (auto base = structRef(me->getBase()); base && isLocalRoot(base->root)) return memberVar(me);
  env_.diags.report(lhs->getExprLoc(), Diag::UnsupportedExpr,
                    {"assigning to '" + sourceText(lhs) + "'"});
  failed_ = true;
  return kNoVar;
}

std::string Lowerer::qualify(const std::vector<std::string>& ns, const std::string& name) const {
  const auto& here = fn_.namespaces;
  bool prefix = ns.size() >= here.size() && std::equal(here.begin(), here.end(), ns.begin());
  std::string q = prefix ? "" : "::";
  for (size_t i = prefix ? here.size() : 0; i < ns.size(); ++i) q += ns[i] + "::";
  return q + name;
}

VarId Lowerer::newVar(std::string name, Type type, VarRole role) {
  Var v;
  v.name = std::move(name);
  v.type = std::move(type);
  v.role = role;
  v.loop = currentLoop_;
  return fn_.addVar(std::move(v));
}

int Lowerer::addOrigin(const cl::Stmt* s, std::string text) {
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  Origin o;
  cl::SourceLocation loc = sm.getExpansionLoc(s->getBeginLoc());
  o.line = sm.getExpansionLineNumber(loc);
  o.column = sm.getExpansionColumnNumber(loc);
  o.text = text.empty() ? sourceText(s) : std::move(text);
  o.clangStmt = s;
  if (!inlining_.empty()) {
    o.inlined = shortName(inlining_.back());
    if (!sm.isInMainFile(loc)) o.inlined = llvm::sys::path::filename(sm.getFilename(loc)).str() + ", " + o.inlined;
  }
  fn_.origins.push_back(std::move(o));
  currentOrigin_ = static_cast<int>(fn_.origins.size() - 1);
  return currentOrigin_;
}

std::string Lowerer::sourceText(const cl::Stmt* s) const {
  const cl::SourceManager& sm = env_.ast.getSourceManager();
  cl::CharSourceRange range = cl::CharSourceRange::getTokenRange(
      sm.getExpansionRange(s->getSourceRange()).getAsRange());
  std::string text = cl::Lexer::getSourceText(range, sm, env_.ast.getLangOpts()).str();
  // One line, single spaces: it goes into a comment.
  std::string flat;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !flat.empty();
      continue;
    }
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  return flat;
}

std::vector<std::string> Lowerer::namespacesOf(const cl::DeclContext* dc) const {
  std::vector<std::string> ns;
  for (; dc && !dc->isTranslationUnit(); dc = dc->getParent())
    if (const auto* n = llvm::dyn_cast<cl::NamespaceDecl>(dc)) ns.insert(ns.begin(), n->getNameAsString());
  return ns;
}

bool reportVariableLength(LowerEnv& env, cl::QualType t, const std::string& name, cl::SourceLocation loc) {
  if (!t->isVariablyModifiedType()) return false;
  cl::QualType elem = t;
  for (;;) {
    if (const cl::ArrayType* at = env.ast.getAsArrayType(elem)) elem = at->getElementType();
    else if (elem->isPointerType()) elem = elem->getPointeeType();
    else break;
  }
  bool isC = !env.ast.getLangOpts().CPlusPlus;
  env.diags.report(loc, Diag::VariableLengthArray,
                   {name, t.getAsString(), elem.getUnqualifiedType().getAsString(),
                    isC ? "a #define or enum constant" : "a constexpr constant or a template parameter"});
  return true;
}

ExprRef Lowerer::reportType(cl::QualType t, const std::string& what, cl::SourceLocation loc) {
  if (const cl::Type* element = t->getBaseElementTypeUnsafe(); t->isArrayType() && element->isRecordType()) {
    env_.diags.report(loc, Diag::StructArrayLocal,
                      {what, t.getAsString(), "arrays of '" + cl::QualType(element, 0).getAsString() +
                       "' are supported as local variables only ('S a[N];'), not here"});
    failed_ = true;
    return nullptr;
  }
  if (!reportVariableLength(env_, t, what, loc)) env_.diags.report(loc, Diag::UnsupportedType, {t.getAsString(), what});
  failed_ = true;
  return nullptr;
}

ExprRef Lowerer::unsupportedExpr(const cl::Expr* e) {
  env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr, {"'" + sourceText(e) + "'"});
  failed_ = true;
  return nullptr;
}

ExprRef Lowerer::sideEffect(const cl::Expr* e) {
  env_.diags.report(e->getExprLoc(), Diag::SideEffect);
  failed_ = true;
  return nullptr;
}

void Lowerer::unsupportedStmt(const cl::Stmt* s) {
  // Clang's class name, in words: LabelStmt -> "a label statement".
  std::string cls = s->getStmtClassName(), words;
  cls = cls.substr(0, cls.size() - (llvm::StringRef(cls).ends_with("Stmt") ? 4 : 0));
  auto upper = [&](size_t i) { return i < cls.size() && std::isupper(static_cast<unsigned char>(cls[i])); };
  for (size_t i = 0; i < cls.size(); ++i) {
    // A word starts at an upper-case letter after a lower-case one, or at the
    // last capital of an acronym (CXXForRange -> cxx for range).
    if (i > 0 && upper(i) && (!upper(i - 1) || (i + 1 < cls.size() && !upper(i + 1)))) words += ' ';
    words += static_cast<char>(std::tolower(static_cast<unsigned char>(cls[i])));
  }
  bool vowel = !words.empty() && std::string("aeiou").find(words[0]) != std::string::npos;
  std::string what = (vowel ? "an " : "a ") + words + " statement";
  env_.diags.report(s->getBeginLoc(), Diag::UnsupportedStmt, {what});
  failed_ = true;
}

bool Lowerer::lowerRuleBody(const cl::CompoundStmt* body) {
  for (const cl::Stmt* s : body->body()) {
    const auto* ca = llvm::dyn_cast<cl::CompoundAssignOperator>(s);
    if (ca && ca->getOpcode() == cl::BO_AddAssign) {
      const auto* deref = llvm::dyn_cast<cl::UnaryOperator>(ca->getLHS()->IgnoreParens());
      const cl::DeclRefExpr* ref =
          deref && deref->getOpcode() == cl::UO_Deref
              ? llvm::dyn_cast<cl::DeclRefExpr>(deref->getSubExpr()->IgnoreParenImpCasts())
              : nullptr;
      const auto* p = ref ? llvm::dyn_cast<cl::ParmVarDecl>(ref->getDecl()) : nullptr;
      if (p && adjointParams_.count(p)) {
        int origin = addOrigin(s);
        // Never differentiated: keep the rule's expression whole.
        ExprRef v = lowerPassive(ca->getRHS());
        if (!v) return false;
        fn_.body.push_back(accumulate(adjointParams_[p], v, origin));
        continue;
      }
    }
    lowerStmt(s, fn_.body);
    if (failed_) return false;
  }
  return !failed_ && !hadErrors_;
}

}  // namespace gradc::lowering
