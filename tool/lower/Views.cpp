// Lowering of array elements and of views into arrays: `a[i]`, `A[i][j]`,
// and the pointers and references that name part of an array (`&a[off]`,
// `a + off`, a row `A[r]`, `const T* row = W + j * d;`, `double& e = x[i];`,
// `*p`). A view is (array, offset): reads and writes through it are elements
// of the array it points into, so the analyses see every access to the array
// whatever name the source used.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <functional>

namespace gradc::lowering {

namespace {

ExprRef intConstant(long n, const Type& t) { return constant(static_cast<double>(n), t, std::to_string(n)); }

// Elements of one step of the outermost index of an array of dims.
long rowStride(const std::vector<long>& dims) {
  long n = 1;
  for (size_t k = 1; k < dims.size(); ++k) n *= dims[k];
  return n;
}

// Whether every use of d in s reads its value (nothing assigns it, takes its
// address or binds a reference to it): a read is an lvalue-to-rvalue conversion.
bool onlyRead(const cl::Stmt* s, const cl::Decl* d, const cl::Stmt* parent) {
  if (!s) return true;
  // A lambda's capture of d is not a write (`[&] { return p[j]; }`): what its
  // body does with d is; an init-capture's initializer (`[&r = p]`) is a use.
  if (const auto* lambda = llvm::dyn_cast<cl::LambdaExpr>(s)) {
    for (const cl::LambdaCapture& c : lambda->captures())
      if (const auto* v = llvm::dyn_cast_or_null<cl::VarDecl>(c.capturesVariable() ? c.getCapturedVar() : nullptr);
          v && v->isInitCapture() && !onlyRead(v->getInit(), d, nullptr))
        return false;
    return onlyRead(lambda->getBody(), d, nullptr);
  }
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s); ref && ref->getDecl() == d) {
    const auto* ic = llvm::dyn_cast_or_null<cl::ImplicitCastExpr>(parent);
    return ic && ic->getCastKind() == cl::CK_LValueToRValue;
  }
  const cl::Stmt* p = llvm::isa<cl::ParenExpr>(s) ? parent : s;
  for (const cl::Stmt* child : s->children())
    if (!onlyRead(child, d, p)) return false;
  return true;
}

// The variable an lvalue is part of: `a`, `a.m`, `a[i]`, `(a)` name a.
const cl::ValueDecl* rootDecl(const cl::Expr* e) {
  for (;;) {
    e = e->IgnoreParenImpCasts();
    if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(e)) e = me->getBase();
    else if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e)) e = sub->getBase();
    else break;
  }
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e);
  return ref ? ref->getDecl() : nullptr;
}

// A place in s after `after` that may change d: an assignment, ++ or --, its
// address taken, a non-const reference bound to it or passed, a non-const
// member function called on it. Invalid if none.
cl::SourceLocation changedAfter(const cl::Stmt* s, const cl::ValueDecl* d, cl::SourceLocation after,
                                const cl::SourceManager& sm) {
  if (!s) return {};
  const cl::Expr* target = nullptr;
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(s); bo && bo->isAssignmentOp()) target = bo->getLHS();
  if (const auto* co = llvm::dyn_cast<cl::CXXOperatorCallExpr>(s); co && co->isAssignmentOp()) target = co->getArg(0);
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(s); uo && (uo->isIncrementDecrementOp() || uo->getOpcode() == cl::UO_AddrOf))
    target = uo->getSubExpr();
  if (const auto* call = llvm::dyn_cast<cl::CallExpr>(s)) {
    const auto* callee = call->getDirectCallee();
    for (unsigned k = 0; callee && k < call->getNumArgs() && k < callee->getNumParams(); ++k) {
      cl::QualType t = callee->getParamDecl(k)->getType();
      if (t->isReferenceType() && !t.getNonReferenceType().isConstQualified() && rootDecl(call->getArg(k)) == d)
        target = call->getArg(k);
    }
    if (const auto* mc = llvm::dyn_cast<cl::CXXMemberCallExpr>(call); mc && mc->getMethodDecl() && !mc->getMethodDecl()->isConst())
      target = mc->getImplicitObjectArgument();
  }
  if (const auto* ds = llvm::dyn_cast<cl::DeclStmt>(s))
    for (const cl::Decl* decl : ds->decls())
      if (const auto* v = llvm::dyn_cast<cl::VarDecl>(decl);
          v && v->getType()->isReferenceType() && !v->getType().getNonReferenceType().isConstQualified() && v->getInit())
        target = v->getInit();
  if (target && rootDecl(target) == d && sm.isBeforeInTranslationUnit(after, s->getBeginLoc())) return s->getBeginLoc();
  for (const cl::Stmt* child : s->children())
    if (cl::SourceLocation at = changedAfter(child, d, after, sm); at.isValid()) return at;
  return {};
}

}  // namespace

ExprRef indexPlus(const ExprRef& a, const ExprRef& b) {
  if (!a) return b;
  if (!b) return a;
  auto ca = integerConstant(a), cb = integerConstant(b);
  if (ca && cb) return intConstant(*ca + *cb, a->type);
  if (cb && *cb == 0) return a;
  if (ca && *ca == 0) return b;
  return binary(Op::Add, a, b, a->type);
}

ExprRef indexTimes(const ExprRef& a, long n) {
  if (n == 1) return a;
  if (auto c = integerConstant(a)) return intConstant(*c * n, a->type);
  return binary(Op::Mul, a, intConstant(n, a->type), a->type);
}

bool Lowerer::onlyReadIn(const cl::Stmt* body, const cl::Decl* d) { return onlyRead(body, d, nullptr); }

bool Lowerer::fixedWhileInScope(const ExprRef& e) const {
  bool loads = false;  // (an element may be written while the view lives)
  forEachExpr(e, [&](const Expr& x) { loads = loads || x.op == Op::Load; });
  if (loads) return false;
  std::vector<VarId> reads;
  collectReads(e, reads);
  for (VarId v : reads) {
    // The counter of an enclosing loop (a view made in its body lives in one
    // iteration), or the offset of another view.
    if (fixedVars_.count(v)) continue;
    // A variable nothing writes after its initialization (under any of its names).
    bool named = false;
    for (const auto& [decl, id] : vars_) {
      if (id != v) continue;
      named = true;
      const auto* vd = llvm::dyn_cast<cl::VarDecl>(decl);
      const auto* owner = vd ? llvm::dyn_cast<cl::FunctionDecl>(vd->getDeclContext()) : nullptr;
      if (!owner || !owner->getBody() || !onlyRead(owner->getBody(), vd, nullptr)) return false;
    }
    if (!named) return false;
  }
  return true;
}

std::optional<Lowerer::View> Lowerer::indexView(View v, const std::vector<const cl::Expr*>& indices) {
  size_t rank = std::max<size_t>(1, v.dims.size());
  if (indices.size() > rank) return std::nullopt;
  // Row-major: ((i * M) + j) * K + l, then scaled to the dimensions left.
  ExprRef index;
  for (size_t k = 0; k < indices.size(); ++k) {
    ExprRef next = lowerPassive(indices[k]);
    if (!next) return std::nullopt;
    index = k == 0 ? next
                   : binary(Op::Add, binary(Op::Mul, index, intConstant(v.dims[k], index->type), index->type), next,
                            index->type);
  }
  std::vector<long> rest(v.dims.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), v.dims.size())),
                         v.dims.end());
  long stride = 1;
  for (long n : rest) stride *= n;
  v.offset = indexPlus(v.offset, indexTimes(index, stride));
  v.dims = rest.size() > 1 ? rest : std::vector<long>{};
  return v;
}

std::optional<Lowerer::View> Lowerer::viewOf(const cl::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (std::optional<VarId> data = stdArrayData(e)) {  // `a.data()`, `a` of a std::array (lower/Values.cpp)
    if (*data == kNoVar) return std::nullopt;
    View v;
    v.array = *data;
    return v;
  }
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) {
    if (auto it = views_.find(ref->getDecl()); it != views_.end())
      return it->second.element ? std::nullopt : std::optional<View>(it->second);
    auto it = vars_.find(ref->getDecl());
    if (it == vars_.end() || !fn_.var(it->second).isArray()) return std::nullopt;
    View v;
    v.array = it->second;
    if (auto d = dims_.find(v.array); d != dims_.end()) v.dims = d->second;
    return v;
  }
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(e); me && me->getType()->isArrayType()) {
    if (auto part = memberOfElement(me))  // `a[i].v` of a local array of structs
      return part->array == kNoVar || part->element ? std::nullopt : part;
    View v;
    v.array = memberVar(me);
    if (v.array == kNoVar) return std::nullopt;
    if (auto d = dims_.find(v.array); d != dims_.end()) v.dims = d->second;
    return v;
  }
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->getOpcode() == cl::UO_AddrOf) {
    if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(uo->getSubExpr()->IgnoreParenImpCasts())) {
      auto el = subscriptElement(sub);  // (`&p[k]` of a moving pointer keeps its arrays)
      if (el) el->dims.clear();
      return el;
    }
    auto el = elementOf(uo->getSubExpr());
    if (!el) return std::nullopt;
    View v;
    v.array = el->first;
    v.offset = el->second;
    return v;
  }
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e);
      bo && (bo->getOpcode() == cl::BO_Add || bo->getOpcode() == cl::BO_Sub) && bo->getType()->isPointerType()) {
    bool left = bo->getLHS()->getType()->isPointerType() || bo->getLHS()->getType()->isArrayType();
    auto v = viewOf(left ? bo->getLHS() : bo->getRHS());
    ExprRef k = v ? lowerPassive(left ? bo->getRHS() : bo->getLHS()) : nullptr;
    if (!k) return std::nullopt;
    if (bo->getOpcode() == cl::BO_Sub) k = unary(Op::Neg, k, k->type);
    v->offset = indexPlus(v->offset, indexTimes(k, rowStride(v->dims)));  // `A + r` steps by rows
    return v;
  }
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e); sub && e->getType()->isArrayType()) {
    // A row `A[r]` of a multi-dimensional array.
    std::vector<const cl::Expr*> indices;
    const cl::Expr* base = e;
    while (const auto* s = llvm::dyn_cast<cl::ArraySubscriptExpr>(base->IgnoreParenImpCasts())) {
      indices.insert(indices.begin(), s->getIdx());
      base = s->getBase();
    }
    auto v = viewOf(base);
    return v ? indexView(*v, indices) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::pair<VarId, ExprRef>> Lowerer::elementOf(const cl::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e)) {
    auto [array, index] = lowerSubscript(sub);
    if (array == kNoVar) return std::nullopt;
    return std::make_pair(array, index);
  }
  std::optional<View> v;
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(e)) {  // `a[i].x` of a local array of structs
    v = memberOfElement(me);
    if (v && (v->array == kNoVar || !v->element)) return std::nullopt;
  } else if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) {
    auto it = views_.find(ref->getDecl());
    if (it == views_.end() || !it->second.element) return std::nullopt;
    v = it->second;
  } else if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->getOpcode() == cl::UO_Deref) {
    v = viewOf(uo->getSubExpr());
    if (v && v->dims.size() > 1) return std::nullopt;  // `*A` of a 2-D array is a row
  }
  if (!v) return std::nullopt;
  return std::make_pair(v->array, v->offset ? v->offset : constant(0, Type::integer("int"), "0"));
}

bool Lowerer::namesElement(const cl::Expr* e) const {
  e = e->IgnoreParens();
  if (derefScalar(e) != kNoVar) return false;  // a variable
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e)) return uo->getOpcode() == cl::UO_Deref;
  if (isElementMember(e)) return true;
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e);
  auto it = ref ? views_.find(ref->getDecl()) : views_.end();
  return it != views_.end() && it->second.element;
}

ExprRef Lowerer::lowerElementRead(const cl::Expr* e, const Type& type, Block* out) {
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e->IgnoreParenImpCasts());
      uo && uo->getOpcode() == cl::UO_Deref) {
    if (auto v = viewOf(uo->getSubExpr()); v && !v->alternatives.empty() && v->dims.size() <= 1)
      return readElement(*v, type, out);
  }
  auto el = elementOf(e);
  const auto* deref = llvm::dyn_cast<cl::UnaryOperator>(e->IgnoreParenImpCasts());
  const auto* step = deref ? llvm::dyn_cast<cl::UnaryOperator>(deref->getSubExpr()->IgnoreParenImpCasts()) : nullptr;
  if (!el && !failed_ && step && step->isIncrementDecrementOp()) {
    env_.diags.report(step->getExprLoc(), Diag::UnsupportedExpr,
                      {"moving a pointer inside an expression, '" + sourceText(e) + "' (index from it, 'p[i]', or "
                       "move it in a statement of its own: '" + sourceText(deref->getSubExpr()) + "' after the read)"});
    failed_ = true;
    return nullptr;
  }
  if (!el) {
    if (!failed_)
      env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                        {"reading '" + sourceText(e) + "' (read through pointers into arrays: a pointer parameter, "
                         "'&a[k]', 'a + k' or a local 'const double* p = a + k;')"});
    failed_ = true;
    return nullptr;
  }
  return load(el->first, el->second, type);
}

ExprRef Lowerer::captureOffset(ExprRef offset, const std::string& name, Block& out) {
  if (!offset) return nullptr;
  if (auto c = integerConstant(offset)) return *c == 0 ? nullptr : constant(static_cast<double>(*c), offset->type, std::to_string(*c));
  if (fixedWhileInScope(offset)) return offset;  // `W + j * d`: W[j * d + i] reads best
  // Fixed where the view is made, as C++ evaluates it: later writes to the
  // variables of the offset do not move the view.
  VarId off = newVar(name, offset->type, VarRole::Local);
  emitAssign(off, offset, currentOrigin_, out);
  fixedVars_.insert(off);  // (written once, where the view is made)
  return fn_.ref(off);
}

std::optional<Lowerer::View> Lowerer::captureView(const cl::Expr* e, const std::string& name, Block& out) {
  auto v = viewOf(e);
  if (!v) return std::nullopt;
  v->offset = captureOffset(v->offset, name, out);
  if (!v->alternatives.empty() && !fixedWhileInScope(v->which)) {  // (the pointer may move while this view lives)
    VarId in = newVar(name + "_in", v->which->type, VarRole::Local);
    emitAssign(in, v->which, currentOrigin_, out);
    fixedVars_.insert(in);
    v->which = fn_.ref(in);
  }
  return v;
}

void Lowerer::bindElementParam(const cl::ParmVarDecl* p, VarId id) {
  View v;
  v.array = id;
  v.offset = constant(0, Type::integer("int"), "0");
  v.element = true;
  bindView(p, v);
  defined_.insert(id);
}

void Lowerer::bindView(const cl::Decl* d, const View& v) {
  vars_.erase(d);
  scalarPointers_.erase(d);
  views_[d] = v;
}

void Lowerer::bindVar(const cl::Decl* d, VarId v) {
  views_.erase(d);
  scalarPointers_.erase(d);
  vars_[d] = v;
}

VarId Lowerer::pointedScalar(const cl::Expr* e) const {
  e = e->IgnoreParenImpCasts();
  const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e);
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(uo && uo->getOpcode() == cl::UO_AddrOf
                                                       ? uo->getSubExpr()->IgnoreParens() : e);
  if (!ref) return kNoVar;
  if (!uo) {
    auto it = scalarPointers_.find(ref->getDecl());
    return it == scalarPointers_.end() ? kNoVar : it->second;
  }
  if (uo->getOpcode() != cl::UO_AddrOf) return kNoVar;
  auto it = vars_.find(ref->getDecl());
  if (it == vars_.end()) return kNoVar;
  const Var& v = fn_.var(it->second);
  return v.isArray() || v.isMember() || v.elementRef ? kNoVar : it->second;
}

VarId Lowerer::derefScalar(const cl::Expr* e) const {
  e = e->IgnoreParens();
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->getOpcode() == cl::UO_Deref)
    return pointedScalar(uo->getSubExpr());
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e)) {
    cl::Expr::EvalResult r;
    if (sub->getIdx()->EvaluateAsInt(r, env_.ast) && r.Val.getInt() == 0) return pointedScalar(sub->getBase());
  }
  return kNoVar;
}

bool Lowerer::lowerViewDecl(const cl::VarDecl* vd, Block& out) {
  cl::QualType t = vd->getType();
  const cl::Expr* init = vd->getInit();
  std::string name = vd->getNameAsString();
  if (lowerMovingPointerDecl(vd, out)) return true;
  if (t->isPointerType() && init && onlyReadIn(bodyOf(vd), vd)) {
    // `double* p = &v;`: `*p`, `p[0]` are v. `S* p = &s;`: `p->x` is s.x.
    if (VarId scalar = pointedScalar(init); scalar != kNoVar) {
      views_.erase(vd);
      vars_.erase(vd);
      scalarPointers_[vd] = scalar;
      return true;
    }
    if (t->getPointeeType()->isRecordType())
      if (auto ref = structRef(init)) {
        structs_[vd] = *ref;
        return true;
      }
  }
  if (t->isPointerType() || (t->isReferenceType() && t.getNonReferenceType()->isArrayType())) {
    auto v = init ? captureView(init, name + "_off", out) : std::nullopt;
    if (failed_) return true;
    if (!v) {
      env_.diags.report(vd->getLocation(), Diag::UnsupportedStmt,
                        {"a local pointer '" + name + "' that does not point into an array (declare it where it is "
                         "made, pointing into an array: 'const double* " + name + " = &a[k];' or '= a + k;')"});
      failed_ = true;
      return true;
    }
    bindView(vd, *v);
    return true;
  }
  if (!t->isReferenceType() || !init) return false;
  if (VarId scalar = derefScalar(init); scalar != kNoVar) {  // `double& e = *p;`, p = &v: another name for v
    bindVar(vd, scalar);
    return true;
  }
  // `double& e = x[i];`, `const double& e = *p;`: reads and writes go to the element.
  if (namesElement(init) || llvm::isa<cl::ArraySubscriptExpr>(init->IgnoreParenImpCasts())) {
    auto el = elementOf(init);
    if (!el) return true;
    View v;
    v.array = el->first;
    v.offset = captureOffset(el->second, name + "_at", out);
    if (!v.offset) v.offset = constant(0, Type::integer("int"), "0");
    v.element = true;
    bindView(vd, v);
    return true;
  }
  // `double& s = total;`: another name for the variable.
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(init->IgnoreParenImpCasts());
  if (auto it = ref ? vars_.find(ref->getDecl()) : vars_.end(); it != vars_.end() && !fn_.var(it->second).isArray()) {
    bindVar(vd, it->second);
    return true;
  }
  // `double& r = v.y;`, v a struct local: another name for the member.
  if (const auto* me = llvm::dyn_cast<cl::MemberExpr>(init->IgnoreParenImpCasts());
      me && me->getType()->isArithmeticType())
    if (auto base = structRef(me->getBase()); base && isLocalRoot(base->root) && !base->index) {
      bindVar(vd, memberVar(me));
      return true;
    }
  if (!t.getNonReferenceType().isConstQualified()) {
    env_.diags.report(vd->getLocation(), Diag::UnsupportedStmt,
                      {"a local reference '" + name + "' to something other than a variable or an array element "
                       "(write 'double& " + name + " = a[k];')"});
    failed_ = true;
    return true;
  }
  // `const double& e = x * y;`: a copy of the value, like the temporary it
  // binds. One bound to a variable's storage (`c ? a : b`, `std::max(a, b)`)
  // is a copy only if nothing changes that variable while the reference lives.
  if (init->isGLValue()) {
    std::vector<const cl::ValueDecl*> named;
    std::function<void(const cl::Stmt*)> collect = [&](const cl::Stmt* s) {
      if (const auto* ref = llvm::dyn_cast_or_null<cl::DeclRefExpr>(s)) named.push_back(ref->getDecl());
      for (const cl::Stmt* c : s ? s->children() : cl::Stmt::const_child_range(nullptr, nullptr)) collect(c);
    };
    collect(init);
    for (const cl::ValueDecl* d : named)
      if (cl::SourceLocation at = changedAfter(bodyOf(vd), d, vd->getEndLoc(), env_.ast.getSourceManager());
          at.isValid()) {
        env_.diags.report(at, Diag::UnsupportedStmt,
                          {"changing '" + d->getNameAsString() + "' while the reference '" + name +
                           "' may still be bound to it (gradc reads such a reference as a copy: write 'const double " +
                           name + " = ...;' if a copy is meant, or read '" + d->getNameAsString() + "' itself)"});
        failed_ = true;
        return true;
      }
  }
  return false;
}

void Lowerer::lowerElementWrite(const cl::Expr* lhs, cl::BinaryOperatorKind op, const cl::Expr* rhs, int origin,
                                Block& out) {
  // Through a pointer that moves between arrays: the write goes to the one it
  // points into, chosen by an `if` chain (lower/MovingPointers.cpp).
  std::optional<View> moving;
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(lhs->IgnoreParenImpCasts());
      sub && movesBetweenArrays(sub->getBase())) {
    moving = subscriptElement(sub);
  } else if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(lhs->IgnoreParenImpCasts());
             uo && uo->getOpcode() == cl::UO_Deref && movesBetweenArrays(uo->getSubExpr())) {
    moving = viewOf(uo->getSubExpr());
  }
  if (failed_) return;
  // std::array's a[i] and a Mat's m(r, c) are elements too (lower/Values.cpp).
  auto el = moving ? std::make_pair(moving->array, moving->offset) : elementPlace(lhs, out);
  if (el && el->first == kNoVar) return;  // reported
  if (!el) {
    if (!failed_) lowerElementRead(lhs, Type::integer("int"));  // reports it
    return;
  }
  auto [array, index] = *el;
  if (!index) index = constant(0, Type::integer("int"), "0");
  const Type type = fn_.var(array).type;  // a copy: lowering adds variables
  bool plain = op == cl::BO_Assign, add = op == cl::BO_AddAssign, sub = op == cl::BO_SubAssign;
  bool scale = op == cl::BO_MulAssign || op == cl::BO_DivAssign;
  if (!(plain || ((add || sub || scale) && type.isFloating())) || fn_.var(array).pointeeConst) {
    env_.diags.report(lhs->getExprLoc(), Diag::UnsupportedExpr,
                      {"this update of an element of '" + fn_.var(array).name +
                       "' (supported: a[i] = e and a[i] += -= *= /= e on float or double elements)"});
    failed_ = true;
    return;
  }
  ExprRef value = type.isFloating() ? lowerOperand(rhs, out) : lowerPassive(rhs);
  if (!value) return;
  if (value->type != type) value = convert(value, type, out, origin);
  if (sub) value = fn_.ref(materialize(unary(Op::Neg, value, type), out, origin));
  auto store = [&](VarId target, Block& into) {
    ExprRef v = value;
    if (scale)  // a[i] *= e is a[i] = a[i] * e: an overwrite (analyses/Overwrites saves it).
      v = fn_.ref(materialize(binary(op == cl::BO_MulAssign ? Op::Mul : Op::Div,
                                     fn_.ref(materialize(load(target, index, type), into, origin)), v, type),
                              into, origin));
    Stmt st = plain || scale ? assign(target, v, origin) : accumulate(target, v, origin);
    st.index = index;
    into.push_back(std::move(st));
  };
  if (!moving) {
    store(array, out);
    return;
  }
  forEachAlternative(*moving, origin, out, store);
}

std::pair<VarId, ExprRef> Lowerer::lowerSubscript(const cl::ArraySubscriptExpr* e) {
  auto element = subscriptElement(e);
  if (!element) return {kNoVar, nullptr};
  if (!element->alternatives.empty()) {
    std::string arrays;
    for (VarId a : element->alternatives) arrays += (arrays.empty() ? "'" : ", '") + fn_.var(a).name + "'";
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                      {"writing through '" + sourceText(e) + "' or binding a reference to it: the pointer moves between "
                       "arrays (" + arrays + "); only reads go through such a pointer (write to the arrays by name)"});
    failed_ = true;
    return {kNoVar, nullptr};
  }
  return {element->array, element->offset};
}

std::optional<Lowerer::View> Lowerer::subscriptElement(const cl::ArraySubscriptExpr* e) {
  // a[i][j] is (a[i])[j]: collect the indices down to the array.
  std::vector<const cl::Expr*> indices;
  const cl::Expr* base = e;
  while (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(base->IgnoreParenImpCasts())) {
    indices.insert(indices.begin(), sub->getIdx());
    base = sub->getBase();
  }
  auto v = viewOf(base);
  if (failed_) return std::nullopt;
  if (!v || indices.size() != std::max<size_t>(1, v->dims.size())) {
    env_.diags.report(e->getExprLoc(), Diag::UnsupportedExpr,
                      {"indexing '" + sourceText(base->IgnoreParenImpCasts()) +
                       "' (only arrays, pointer parameters and pointers into arrays, one index per dimension)"});
    failed_ = true;
    return std::nullopt;
  }
  auto element = indexView(*v, indices);
  if (element && !element->offset) element->offset = constant(0, Type::integer("int"), "0");
  return element;
}

}  // namespace gradc::lowering
