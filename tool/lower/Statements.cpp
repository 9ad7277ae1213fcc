// Lowering of statements: blocks, declarations, assignments, if/else and
// early returns (turned into single-exit structured code).
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace gradc::lowering {

void Lowerer::bindParam(const cl::ParmVarDecl* p, VarId id) {
  vars_[p] = id;
  defined_.insert(id);
}

bool Lowerer::lowerBody(const cl::CompoundStmt* body) {
  std::vector<Range> cont;  // nothing runs after the body
  bool returns = lowerSeq(Range(body->body_begin(), body->body_end()), &cont, fn_.body);
  if (!returns && fn_.result != kNoVar && !failed_) {
    env_.diags.report(body->getRBracLoc(), Diag::MissingReturn, {fn_.name});
    failed_ = true;
  }
  return !failed_;
}

bool Lowerer::lowerSeq(Range stmts, std::vector<Range>* cont, Block& out) {
  for (auto it = stmts.begin(); it != stmts.end(); ++it) {
    const cl::Stmt* s = *it;
    if (const auto* ret = llvm::dyn_cast<cl::ReturnStmt>(s)) {
      lowerReturn(ret, out);
      return true;
    }
    if (cont && containsReturn(s)) {
      // The rest of this block runs only on paths that do not return: move
      // it into those paths, so the IR keeps a single exit.
      std::vector<Range> inner = *cont;
      inner.push_back(Range(std::next(it), stmts.end()));
      return lowerWithContinuation(s, inner, out);
    }
    lowerStmt(s, out);
    if (failed_) return false;
  }
  if (cont && !cont->empty()) {
    std::vector<Range> rest = *cont;
    Range next = rest.back();
    rest.pop_back();
    return lowerSeq(next, &rest, out);
  }
  return false;
}

bool Lowerer::lowerWithContinuation(const cl::Stmt* s, std::vector<Range>& cont, Block& out) {
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s))
    return lowerSeq(Range(block->body_begin(), block->body_end()), &cont, out);
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s)) {
    Stmt st = lowerIfHead(ifs, out);
    if (failed_) return false;
    auto before = defined_;
    bool thenReturns = lowerBranch(ifs->getThen(), &cont, st.thenBlock);
    auto afterThen = defined_;
    defined_ = before;
    bool elseReturns = lowerBranch(ifs->getElse(), &cont, st.elseBlock);
    defined_.insert(afterThen.begin(), afterThen.end());
    out.push_back(std::move(st));
    return thenReturns && elseReturns;
  }
  unsupportedStmt(s);
  return false;
}

bool Lowerer::lowerBranch(const cl::Stmt* s, std::vector<Range>* cont, Block& out) {
  if (!s) {
    if (!cont || cont->empty()) return false;
    std::vector<Range> rest = *cont;
    Range next = rest.back();
    rest.pop_back();
    return lowerSeq(next, &rest, out);
  }
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s))
    return lowerSeq(Range(block->body_begin(), block->body_end()), cont, out);
  // A single statement: treat it as a one-statement block.
  cl::Stmt* const one[] = {const_cast<cl::Stmt*>(s)};
  return lowerSeq(Range(one, one + 1), cont, out);
}

void Lowerer::lowerReturn(const cl::ReturnStmt* ret, Block& out) {
  int origin = addOrigin(ret);
  if (!ret->getRetValue()) {
    unsupportedStmt(ret);
    return;
  }
  lowerInto(fn_.result, ret->getRetValue(), origin, out);
}

void Lowerer::lowerStmt(const cl::Stmt* s, Block& out) {
  if (llvm::isa<cl::NullStmt>(s)) return;
  if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(s)) {
    lowerSeq(Range(block->body_begin(), block->body_end()), nullptr, out);
    return;
  }
  if (const auto* decl = llvm::dyn_cast<cl::DeclStmt>(s)) {
    for (const cl::Decl* d : decl->decls()) lowerLocalDecl(d, addOrigin(s), out);
    return;
  }
  if (const auto* ifs = llvm::dyn_cast<cl::IfStmt>(s)) {
    Stmt st = lowerIfHead(ifs, out);
    if (failed_) return;
    auto before = defined_;
    lowerBranch(ifs->getThen(), nullptr, st.thenBlock);
    auto afterThen = defined_;
    defined_ = before;
    lowerBranch(ifs->getElse(), nullptr, st.elseBlock);
    defined_.insert(afterThen.begin(), afterThen.end());
    out.push_back(std::move(st));
    return;
  }
  if (const auto* e = llvm::dyn_cast<cl::Expr>(s)) {
    lowerExprStmt(e->IgnoreParens(), addOrigin(s), out);
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
  auto type = scalarType(vd->getType());
  if (!type) {
    reportType(vd->getType(), vd->getName().str(), vd->getLocation());
    return;
  }
  VarId id = newVar(vd->getName().str(), *type, VarRole::Local);
  vars_[vd] = id;
  if (const cl::Expr* init = vd->getInit()) lowerInto(id, init, origin, out);
}

void Lowerer::lowerExprStmt(const cl::Expr* e, int origin, Block& out) {
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
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
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(lhs)) {
    auto it = vars_.find(ref->getDecl());
    if (it != vars_.end()) return it->second;
  }
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

ExprRef Lowerer::reportType(cl::QualType t, const std::string& what, cl::SourceLocation loc) {
  env_.diags.report(loc, Diag::UnsupportedType, {t.getAsString(), what});
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
  std::string what = std::string("'") + s->getStmtClassName() + "'";
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
  return !failed_;
}

}  // namespace gradc::lowering
