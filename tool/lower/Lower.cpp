#include "lower/Lower.h"

#include "ClangCompat.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <set>

namespace gradc {

using namespace ir;
namespace cl = clang;

std::string formatLiteral(double value, TypeKind kind) {
  if (std::isinf(value)) return kind == TypeKind::Float ? "HUGE_VALF" : "HUGE_VAL";
  char buf[64];
  std::snprintf(buf, sizeof buf, kind == TypeKind::Float ? "%.9g" : "%.17g", value);
  // Prefer the shortest spelling that reads back to the same value.
  for (int digits = 1; digits < 17; ++digits) {
    char shortBuf[64];
    std::snprintf(shortBuf, sizeof shortBuf, "%.*g", digits, value);
    double back = std::strtod(shortBuf, nullptr);
    bool same = kind == TypeKind::Float ? static_cast<float>(back) == static_cast<float>(value)
                                        : back == value;
    if (same) {
      std::snprintf(buf, sizeof buf, "%s", shortBuf);
      break;
    }
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  if (kind == TypeKind::Float) s += "f";
  return s;
}

std::string ruleKey(const cl::FunctionDecl* fd) {
  const cl::DeclContext* dc = fd->getDeclContext()->getRedeclContext();
  bool inStd = fd->isInStdNamespace();
  if (!inStd && !dc->isTranslationUnit() && !dc->isExternCContext()) return {};
  if (fd->isOverloadedOperator()) return {};
  return fd->getNameAsString();
}

std::string calleeSpelling(const cl::FunctionDecl* fd, const cl::Expr* calleeExpr) {
  if (fd->isInStdNamespace()) return "std::" + fd->getNameAsString();
  if (const auto* ref = llvm::dyn_cast_or_null<cl::DeclRefExpr>(calleeExpr->IgnoreParenImpCasts())) {
    if (const cl::NestedNameSpecifier* q = ref->getQualifier()) {
      if (const cl::NamespaceDecl* ns = q->getAsNamespace(); ns && ns->isStdNamespace())
        return "std::" + fd->getNameAsString();
    }
  }
  return fd->getNameAsString();
}

namespace {

std::optional<Type> scalarType(cl::QualType qt) {
  qt = qt.getCanonicalType().getUnqualifiedType();
  if (const auto* bt = qt->getAs<cl::BuiltinType>()) {
    switch (bt->getKind()) {
      case cl::BuiltinType::Double: return Type::floating(TypeKind::Double);
      case cl::BuiltinType::Float: return Type::floating(TypeKind::Float);
      case cl::BuiltinType::Bool: return Type::boolean();
      default:
        if (bt->isInteger()) {
          cl::PrintingPolicy pp{cl::LangOptions{}};
          return Type::integer(qt.getAsString(pp));
        }
        return std::nullopt;
    }
  }
  if (qt->isEnumeralType()) return Type::integer("int");
  return std::nullopt;
}

bool containsReturn(const cl::Stmt* s) {
  if (!s) return false;
  if (llvm::isa<cl::ReturnStmt>(s)) return true;
  for (const cl::Stmt* child : s->children())
    if (containsReturn(child)) return true;
  return false;
}

Op binaryOp(cl::BinaryOperatorKind k) {
  switch (k) {
    case cl::BO_Add: return Op::Add;
    case cl::BO_Sub: return Op::Sub;
    case cl::BO_Mul: return Op::Mul;
    case cl::BO_Div: return Op::Div;
    case cl::BO_Rem: return Op::Rem;
    case cl::BO_LT: return Op::Lt;
    case cl::BO_LE: return Op::Le;
    case cl::BO_GT: return Op::Gt;
    case cl::BO_GE: return Op::Ge;
    case cl::BO_EQ: return Op::Eq;
    case cl::BO_NE: return Op::Ne;
    case cl::BO_LAnd: return Op::LAnd;
    case cl::BO_LOr: return Op::LOr;
    case cl::BO_And: return Op::BitAnd;
    case cl::BO_Or: return Op::BitOr;
    case cl::BO_Xor: return Op::BitXor;
    case cl::BO_Shl: return Op::Shl;
    case cl::BO_Shr: return Op::Shr;
    case cl::BO_AddAssign: return Op::Add;
    case cl::BO_SubAssign: return Op::Sub;
    case cl::BO_MulAssign: return Op::Mul;
    case cl::BO_DivAssign: return Op::Div;
    case cl::BO_RemAssign: return Op::Rem;
    default: return Op::Const;  // not an operator we lower
  }
}

// Lowers one function body. Holds the per-function state: the IR being built,
// the variable map and the set of variables that may hold a value here.
class Lowerer {
 public:
  Lowerer(LowerEnv& env, Function& fn) : env_(env), fn_(fn) {}

  void bindParam(const cl::ParmVarDecl* p, VarId id) {
    vars_[p] = id;
    defined_.insert(id);
  }
  void bindAdjointParam(const cl::ParmVarDecl* p, VarId id) { adjointParams_[p] = id; }

  // Lowers a function body; returns false if lowering failed.
  bool lowerBody(const cl::CompoundStmt* body) {
    std::vector<Range> cont;  // nothing runs after the body
    bool returns = lowerSeq(Range(body->body_begin(), body->body_end()), &cont, fn_.body);
    if (!returns && fn_.result != kNoVar && !failed_) {
      env_.diags.report(body->getRBracLoc(), Diag::MissingReturn, {fn_.name});
      failed_ = true;
    }
    return !failed_;
  }

 private:
  using Range = llvm::iterator_range<cl::CompoundStmt::const_body_iterator>;

  // ---- statements ---------------------------------------------------------

  // Lowers `stmts`, then the continuation ranges in `cont` (innermost last).
  // `cont` is null when the statements simply fall through to the parent.
  // Returns true when every path ends in a return.
  bool lowerSeq(Range stmts, std::vector<Range>* cont, Block& out) {
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

  bool lowerWithContinuation(const cl::Stmt* s, std::vector<Range>& cont, Block& out) {
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

  // Lowers one branch of an if (a statement, a block, or nothing).
  bool lowerBranch(const cl::Stmt* s, std::vector<Range>* cont, Block& out) {
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

  void lowerReturn(const cl::ReturnStmt* ret, Block& out) {
    int origin = addOrigin(ret);
    if (!ret->getRetValue()) {
      unsupportedStmt(ret);
      return;
    }
    lowerInto(fn_.result, ret->getRetValue(), origin, out);
  }

  void lowerStmt(const cl::Stmt* s, Block& out) {
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

  Stmt lowerIfHead(const cl::IfStmt* ifs, Block& out) {
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

  void lowerLocalDecl(const cl::Decl* d, int origin, Block& out) {
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

  void lowerExprStmt(const cl::Expr* e, int origin, Block& out) {
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

  void lowerCompoundAssign(const cl::CompoundAssignOperator* ca, int origin, Block& out) {
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

  // The variable an assignment writes; reports anything else.
  VarId assignedVar(const cl::Expr* lhs) {
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

  // ---- expressions --------------------------------------------------------

  // dst = e. An overwrite of a floating variable goes through a temporary so
  // the reverse sweep can restore the old value while the rule still sees the
  // result (`x = exp(x)` needs both).
  void lowerInto(VarId dst, const cl::Expr* e, int origin, Block& out) {
    const Type t = fn_.var(dst).type;  // a copy: lowering adds variables
    ExprRef value = t.isFloating() && isFloating(e) ? lowerNode(e, out, origin) : lowerPassive(e);
    if (!value) return;
    if (value->type != t) value = convert(value, t, out, origin);
    emitAssign(dst, value, origin, out);
  }

  void emitAssign(VarId dst, ExprRef value, int origin, Block& out) {
    bool overwrites = defined_.count(dst) > 0;
    if (overwrites && !value->isAtom() && fn_.var(dst).type.isFloating())
      value = fn_.ref(materialize(value, out, origin));
    Stmt s = assign(dst, value, origin);
    s.overwrites = overwrites;
    out.push_back(std::move(s));
    defined_.insert(dst);
  }

  // Stores a non-atomic value in a fresh temporary.
  VarId materialize(ExprRef value, Block& out, int origin) {
    VarId t = newVar("t", value->type, VarRole::Temp);
    out.push_back(assign(t, std::move(value), origin));
    defined_.insert(t);
    return t;
  }

  // Converts to `to`. A floating conversion of a floating value is its own
  // three-address statement: the adjoint must flow through it.
  ExprRef convert(ExprRef value, const Type& to, Block& out, int origin) {
    if (value->op == Op::Const && to.isFloating())
      return constant(value->number, to, formatLiteral(value->number, to.kind));
    if (!value->type.isFloating() || !to.isFloating()) return cast(value, to, true);
    if (!value->isAtom()) value = fn_.ref(materialize(value, out, origin));
    return fn_.ref(materialize(cast(value, to, true), out, origin));
  }

  static bool isFloating(const cl::Expr* e) { return e->getType()->isRealFloatingType(); }

  // A floating operand for a three-address statement: an atom, or a temporary
  // holding the lowered node.
  ExprRef lowerOperand(const cl::Expr* e, Block& out) {
    if (!isFloating(e)) return lowerPassive(e);
    int origin = currentOrigin_;
    ExprRef node = lowerNode(e, out, origin);
    if (!node || node->isAtom()) return node;
    if (node->op == Op::Cast && node->args[0]->type.kind == TypeKind::Int) return node;
    return fn_.ref(materialize(node, out, origin));
  }

  static const cl::Expr* strip(const cl::Expr* e) {
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

  // The top node of a floating expression, with operands lowered.
  ExprRef lowerNode(const cl::Expr* e, Block& out, int origin) {
    int savedOrigin = currentOrigin_;
    currentOrigin_ = origin;
    ExprRef r = lowerNodeImpl(strip(e), out);
    currentOrigin_ = savedOrigin;
    return r;
  }

  ExprRef lowerNodeImpl(const cl::Expr* e, Block& out) {
    auto type = scalarType(e->getType());
    if (!type) return reportType(e->getType(), sourceText(e), e->getExprLoc());
    if (const auto* fl = llvm::dyn_cast<cl::FloatingLiteral>(e))
      return constant(fl->getValueAsApproximateDouble(), *type, sourceText(e));
    if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) return lowerDeclRef(ref, *type);
    if (const auto* ce = llvm::dyn_cast<cl::CastExpr>(e)) return lowerCast(ce, *type, out);
    if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e)) {
      if (uo->getOpcode() == cl::UO_Plus) return lowerNode(uo->getSubExpr(), out, currentOrigin_);
      if (uo->getOpcode() == cl::UO_Minus) {
        ExprRef a = lowerOperand(uo->getSubExpr(), out);
        return a ? unary(Op::Neg, a, *type) : nullptr;
      }
      if (uo->isIncrementDecrementOp()) return sideEffect(e);
      return unsupportedExpr(e);
    }
    if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
      if (bo->isAssignmentOp()) return sideEffect(e);
      Op op = binaryOp(bo->getOpcode());
      if (op != Op::Add && op != Op::Sub && op != Op::Mul && op != Op::Div) return unsupportedExpr(e);
      ExprRef a = lowerOperand(bo->getLHS(), out);
      ExprRef b = a ? lowerOperand(bo->getRHS(), out) : nullptr;
      return b ? binary(op, a, b, *type) : nullptr;
    }
    if (const auto* co = llvm::dyn_cast<cl::ConditionalOperator>(e)) return lowerConditional(co, *type, out);
    if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e)) return lowerCall(call, *type, out, false);
    return unsupportedExpr(e);
  }

  // `c ? a : b` on floating values evaluates only one side, like C++ does:
  // `x > 0 ? sqrt(x) : 0` must not differentiate sqrt at x <= 0.
  ExprRef lowerConditional(const cl::ConditionalOperator* co, const Type& type, Block& out) {
    int origin = currentOrigin_;
    ExprRef cond = lowerPassive(co->getCond());
    if (!cond) return nullptr;
    VarId c = materialize(cond, out, origin);
    VarId result = newVar("sel", type, VarRole::Temp);
    Stmt st;
    st.kind = StmtKind::If;
    st.value = fn_.ref(c);
    st.origin = origin;
    auto before = defined_;
    ExprRef a = lowerNode(co->getTrueExpr(), st.thenBlock, origin);
    if (!a) return nullptr;
    if (a->type != type) a = convert(a, type, st.thenBlock, origin);
    st.thenBlock.push_back(assign(result, a, origin));
    ExprRef b = lowerNode(co->getFalseExpr(), st.elseBlock, origin);
    if (!b) return nullptr;
    if (b->type != type) b = convert(b, type, st.elseBlock, origin);
    st.elseBlock.push_back(assign(result, b, origin));
    defined_ = before;
    defined_.insert(result);
    out.push_back(std::move(st));
    return fn_.ref(result);
  }

  ExprRef lowerDeclRef(const cl::DeclRefExpr* ref, const Type& type) {
    const cl::ValueDecl* d = ref->getDecl();
    if (auto it = vars_.find(d); it != vars_.end()) return fn_.ref(it->second);
    if (const auto* ec = llvm::dyn_cast<cl::EnumConstantDecl>(d))
      return constant(static_cast<double>(ec->getInitVal().getSExtValue()), type,
                      std::to_string(ec->getInitVal().getSExtValue()));
    if (const auto* vd = llvm::dyn_cast<cl::VarDecl>(d); vd && vd->hasGlobalStorage())
      return lowerGlobal(vd, ref, type);
    if (const auto* p = llvm::dyn_cast<cl::ParmVarDecl>(d); p && adjointParams_.count(p)) {
      env_.diags.report(ref->getExprLoc(), Diag::UnsupportedExpr,
                        {"reading an adjoint pointer outside '*d += ...'"});
      failed_ = true;
      return nullptr;
    }
    return unsupportedExpr(ref);
  }

  // File-level constants: read by name; those defined in the main file are
  // re-emitted into the output (in namespace gradc_src) with their value.
  ExprRef lowerGlobal(const cl::VarDecl* vd, const cl::DeclRefExpr* ref, const Type& type) {
    if (!vd->getType().isConstQualified()) {
      env_.diags.report(ref->getExprLoc(), Diag::MutableGlobal, {vd->getNameAsString()});
      failed_ = true;
      return nullptr;
    }
    const cl::SourceManager& sm = env_.ast.getSourceManager();
    bool inMainFile = sm.isInMainFile(sm.getExpansionLoc(vd->getLocation()));
    auto e = std::make_shared<Expr>();
    e->op = Op::Global;
    e->type = type;
    std::vector<std::string> ns = namespacesOf(vd->getDeclContext());
    if (!inMainFile) {
      e->text = qualify(ns, vd->getNameAsString());
      return e;
    }
    const cl::APValue* value = vd->evaluateValue();
    if (!value || !(value->isFloat() || value->isInt())) {
      env_.diags.report(ref->getExprLoc(), Diag::UnsupportedExpr,
                        {"constant '" + vd->getNameAsString() + "' whose value is not a compile-time number"});
      failed_ = true;
      return nullptr;
    }
    GlobalConst gc;
    gc.name = vd->getNameAsString();
    gc.namespaces = ns;
    gc.type = type;
    if (value->isFloat())
      gc.valueText = formatLiteral(value->getFloat().convertToDouble(), type.kind);
    else
      gc.valueText = std::to_string(value->getInt().getExtValue());
    auto& list = *env_.constants;
    bool known = false;
    for (const auto& c : list) known = known || (c.name == gc.name && c.namespaces == gc.namespaces);
    if (!known) list.push_back(gc);
    std::vector<std::string> srcNs = ns;
    srcNs.push_back("gradc_src");
    e->text = qualify(srcNs, gc.name);
    return e;
  }

  // Names `name` in namespace `ns` as seen from the function's namespace.
  std::string qualify(const std::vector<std::string>& ns, const std::string& name) const {
    const auto& here = fn_.namespaces;
    bool prefix = ns.size() >= here.size() && std::equal(here.begin(), here.end(), ns.begin());
    std::string q = prefix ? "" : "::";
    for (size_t i = prefix ? here.size() : 0; i < ns.size(); ++i) q += ns[i] + "::";
    return q + name;
  }

  ExprRef lowerCast(const cl::CastExpr* ce, const Type& type, Block& out) {
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

  ExprRef lowerCall(const cl::CallExpr* call, const Type& type, Block& out, bool passive) {
    const cl::FunctionDecl* fd = call->getDirectCallee();
    if (!fd || llvm::isa<cl::CXXMethodDecl>(fd) || llvm::isa<cl::CXXOperatorCallExpr>(call))
      return unsupportedExpr(call);
    auto callee = std::make_shared<Callee>();
    std::string name = fd->getQualifiedNameAsString();
    if (auto it = env_.markedIndex.find(fd->getCanonicalDecl()); it != env_.markedIndex.end()) {
      callee->function = it->second;
      std::vector<std::string> ns = namespacesOf(fd->getDeclContext());
      callee->spelling = qualify(ns, fd->getNameAsString());
    } else if (env_.opaqueCalls) {
      callee->spelling = calleeSpelling(fd, call->getCallee());
    } else if (const Rule* rule = env_.rules.find(ruleKey(fd), call->getNumArgs())) {
      callee->rule = rule;
      callee->spelling = calleeSpelling(fd, call->getCallee());
    } else if (fd->getName() == "memcpy" || fd->getName() == "memmove" ||
               fd->getName() == "bit_cast") {
      env_.diags.report(call->getExprLoc(), Diag::TypePunning, {"'" + name + "'"});
      failed_ = true;
      return nullptr;
    } else {
      const cl::FunctionDecl* def = nullptr;
      bool hasBody = fd->hasBody(def);
      env_.diags.report(call->getExprLoc(), hasBody ? Diag::UnmarkedCallee : Diag::NoDefinition, {name});
      failed_ = true;
      return nullptr;
    }
    std::vector<ExprRef> args;
    for (const cl::Expr* arg : call->arguments()) {
      ExprRef a;
      if (passive || !isFloating(arg))
        a = lowerPassive(arg);
      else
        a = lowerOperand(arg, out);
      if (!a) return nullptr;
      // Rules take every argument in the call's floating type (pow(x, 2)).
      if (callee->rule && type.isFloating() && a->type != type) a = convert(a, type, out, currentOrigin_);
      args.push_back(a);
    }
    return ir::call(callee, std::move(args), type);
  }

  // Integer and boolean expressions (and floating ones under a comparison)
  // are never differentiated: lower them as whole trees.
  ExprRef lowerPassive(const cl::Expr* e) {
    e = strip(e);
    auto type = scalarType(e->getType());
    if (!type) return reportType(e->getType(), sourceText(e), e->getExprLoc());
    if (const auto* il = llvm::dyn_cast<cl::IntegerLiteral>(e))
      return constant(static_cast<double>(il->getValue().getSExtValue()), *type, sourceText(e));
    if (const auto* bl = llvm::dyn_cast<cl::CXXBoolLiteralExpr>(e))
      return constant(bl->getValue() ? 1 : 0, *type, bl->getValue() ? "true" : "false");
    if (const auto* fl = llvm::dyn_cast<cl::FloatingLiteral>(e))
      return constant(fl->getValueAsApproximateDouble(), *type, sourceText(e));
    if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) return lowerDeclRef(ref, *type);
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
    if (const auto* call = llvm::dyn_cast<cl::CallExpr>(e)) {
      Block unused;
      return lowerCall(call, *type, unused, true);
    }
    return unsupportedExpr(e);
  }

  // ---- helpers ------------------------------------------------------------

  VarId newVar(std::string name, Type type, VarRole role) {
    Var v;
    v.name = std::move(name);
    v.type = std::move(type);
    v.role = role;
    return fn_.addVar(std::move(v));
  }

  int addOrigin(const cl::Stmt* s, std::string text = {}) {
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

  std::string sourceText(const cl::Stmt* s) const {
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

  std::vector<std::string> namespacesOf(const cl::DeclContext* dc) const {
    std::vector<std::string> ns;
    for (; dc && !dc->isTranslationUnit(); dc = dc->getParent())
      if (const auto* n = llvm::dyn_cast<cl::NamespaceDecl>(dc)) ns.insert(ns.begin(), n->getNameAsString());
    return ns;
  }

  ExprRef reportType(cl::QualType t, const std::string& what, cl::SourceLocation loc) {
    env_.diags.report(loc, Diag::UnsupportedType, {t.getAsString(), what});
    failed_ = true;
    return nullptr;
  }
  ExprRef unsupportedExpr(const cl::Expr* e) {
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr, {"'" + sourceText(e) + "'"});
    failed_ = true;
    return nullptr;
  }
  ExprRef sideEffect(const cl::Expr* e) {
    env_.diags.report(e->getExprLoc(), Diag::SideEffect);
    failed_ = true;
    return nullptr;
  }
  void unsupportedStmt(const cl::Stmt* s) {
    std::string what = std::string("'") + s->getStmtClassName() + "'";
    env_.diags.report(s->getBeginLoc(), Diag::UnsupportedStmt, {what});
    failed_ = true;
  }

  LowerEnv& env_;
  Function& fn_;
  std::map<const cl::Decl*, VarId> vars_;
  std::map<const cl::ParmVarDecl*, VarId> adjointParams_;
  std::set<VarId> defined_;  // variables that may hold a value at this point
  int currentOrigin_ = -1;
  bool failed_ = false;

 public:
  // Rule bodies: `*d_x += e;` statements (and locals).
  bool lowerRuleBody(const cl::CompoundStmt* body) {
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
};

std::vector<std::string> splitNames(const std::string& list) {
  std::vector<std::string> names;
  std::string cur;
  for (char c : list + ",") {
    if (c == ',') {
      if (!cur.empty()) names.push_back(cur);
      cur.clear();
    } else if (c != ' ' && c != '\t' && c != '\n') {
      cur += c;
    }
  }
  return names;
}

}  // namespace

std::optional<Function> lowerFunction(const MarkedFunction& marked, LowerEnv& env) {
  const cl::FunctionDecl* fd = marked.decl;
  Function fn;
  fn.name = fd->getNameAsString();
  for (const cl::DeclContext* dc = fd->getDeclContext(); dc && !dc->isTranslationUnit(); dc = dc->getParent())
    if (const auto* n = llvm::dyn_cast<cl::NamespaceDecl>(dc)) fn.namespaces.insert(fn.namespaces.begin(), n->getNameAsString());
  const cl::SourceManager& sm = env.ast.getSourceManager();
  fn.sourceLine = sm.getExpansionLineNumber(fd->getLocation());

  auto rt = scalarType(fd->getReturnType());
  if (!rt || !rt->isFloating()) {
    env.diags.report(fd->getLocation(), Diag::ReturnType, {fn.name, fd->getReturnType().getAsString()});
    return std::nullopt;
  }
  fn.returnType = *rt;
  Lowerer lowerer(env, fn);
  bool ok = true;
  for (const cl::ParmVarDecl* p : fd->parameters()) {
    auto t = scalarType(p->getType());
    if (!t) {
      env.diags.report(p->getLocation(), Diag::UnsupportedType, {p->getType().getAsString(), p->getNameAsString()});
      ok = false;
      continue;
    }
    Var v;
    v.name = p->getNameAsString();
    v.type = *t;
    v.role = VarRole::Param;
    v.isConstParam = p->getType().isConstQualified();
    VarId id = fn.addVar(v);
    fn.params.push_back(id);
    lowerer.bindParam(p, id);
  }
  if (!ok) return std::nullopt;

  // Which parameters to differentiate.
  if (marked.hasWrtList) {
    for (const std::string& name : marked.wrtNames) {
      auto it = std::find_if(fn.params.begin(), fn.params.end(), [&](VarId id) { return fn.var(id).name == name; });
      if (it == fn.params.end()) {
        env.diags.report(marked.markerLoc, Diag::WrtUnknown, {name, fn.name});
        ok = false;
      } else if (!fn.var(*it).type.isFloating()) {
        env.diags.report(marked.markerLoc, Diag::WrtNotFloating, {name, fn.var(*it).type.spelling});
        ok = false;
      } else if (std::find(fn.wrt.begin(), fn.wrt.end(), *it) == fn.wrt.end()) {
        fn.wrt.push_back(*it);
      }
    }
    // Keep signature order whatever order the list was written in.
    std::sort(fn.wrt.begin(), fn.wrt.end());
  } else {
    for (VarId id : fn.params)
      if (fn.var(id).type.isFloating()) fn.wrt.push_back(id);
  }
  if (!ok) return std::nullopt;
  if (fn.wrt.empty()) {
    env.diags.report(fd->getLocation(), Diag::NothingToDiff, {fn.name});
    return std::nullopt;
  }

  Var result;
  result.name = fn.name;
  result.type = fn.returnType;
  result.role = VarRole::Local;
  fn.result = fn.addVar(result);

  const auto* body = llvm::dyn_cast_or_null<cl::CompoundStmt>(fd->getBody());
  if (!body || !lowerer.lowerBody(body)) return std::nullopt;
  Stmt ret;
  ret.kind = StmtKind::Return;
  ret.value = fn.ref(fn.result);
  fn.body.push_back(ret);
  return fn;
}

std::optional<Rule> lowerRule(const cl::FunctionDecl* fd, LowerEnv& env) {
  Rule rule;
  rule.name = fd->getNameAsString();
  Function& fn = rule.body;
  fn.name = rule.name;
  fn.returnType = Type::floating(TypeKind::Double);
  size_t n = fd->getNumParams();
  size_t pointers = 0;
  for (const cl::ParmVarDecl* p : fd->parameters()) pointers += p->getType()->isPointerType() ? 1 : 0;
  bool withResult = n == 2 * pointers + 2;
  auto bad = [&](const std::string& why) -> std::optional<Rule> {
    env.diags.report(fd->getLocation(), Diag::BadRule, {rule.name, why});
    return std::nullopt;
  };
  if (pointers == 0 || !(n == 2 * pointers + 1 || withResult))
    return bad("expected (args..., [result], seed, adjoint pointers...)");
  Lowerer lowerer(env, fn);
  for (size_t i = 0; i < n; ++i) {
    const cl::ParmVarDecl* p = fd->getParamDecl(static_cast<unsigned>(i));
    bool isPointer = p->getType()->isPointerType();
    bool expectPointer = i >= n - pointers;
    if (isPointer != expectPointer) return bad("adjoint pointers must come last");
    Var v;
    v.name = p->getNameAsString().empty() ? "arg" + std::to_string(i) : p->getNameAsString();
    v.type = Type::floating(TypeKind::Double);
    if (isPointer) {
      v.role = VarRole::AdjointOut;
      v.primal = rule.primalParams.at(i - (n - pointers));
      VarId id = fn.addVar(v);
      rule.adjointParams.push_back(id);
      lowerer.bindAdjointParam(p, id);
      continue;
    }
    v.role = i == n - pointers - 1 ? VarRole::Seed : VarRole::Param;
    VarId id = fn.addVar(v);
    lowerer.bindParam(p, id);
    if (v.role == VarRole::Seed)
      rule.seedParam = id;
    else if (withResult && i == pointers)
      rule.resultParam = id;
    else
      rule.primalParams.push_back(id);
  }
  const auto* body = llvm::dyn_cast_or_null<cl::CompoundStmt>(fd->getBody());
  if (!body) return bad("it has no body");
  if (!lowerer.lowerRuleBody(body)) return std::nullopt;
  for (const auto* attr : fd->specific_attrs<cl::AnnotateAttr>()) {
    llvm::StringRef a = attr->getAnnotation();
    if (a.consume_front("gradc.rule:")) rule.keys = splitNames(a.str());
  }
  if (const cl::RawComment* rc = env.ast.getRawCommentForDeclNoCache(fd))
    rule.math = rc->getFormattedText(env.ast.getSourceManager(), env.ast.getDiagnostics());
  return rule;
}

}  // namespace gradc
