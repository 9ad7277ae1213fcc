// Lowering of local pointers the source moves: `const T* xp = x; ...
// xp = hidden;` (a layer's input moving to the previous layer's output),
// `p += k;`, `++p`. Such a pointer is a view whose offset is an int local
// (`xp_at`), written where the pointer moves; when it moves between arrays,
// an int selector (`xp_in`) says which one it points into, and a read picks
// the element with an `if` chain, so the reverse sweep sends the adjoint to
// the array that was read. The arrays are found in the source before the
// body is lowered: every read must know all of them, even in a loop whose
// later iterations read what a move at its end chose.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace gradc::lowering {

namespace {

// How the body changes pointer d: the values assigned to it (`d = e`), and
// whether it does anything else than read, assign, add to it or step it
// (take its address, bind a reference).
struct Moves {
  std::vector<const cl::Expr*> assigned;
  bool steps = false;  // `d += k`, `d -= k`, `++d`, `d--`
  bool other = false;
};

bool namesDecl(const cl::Expr* e, const cl::Decl* d) {
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e->IgnoreParens());
  return ref && ref->getDecl() == d;
}

void collectMoves(const cl::Stmt* s, const cl::Decl* d, const cl::Stmt* parent, Moves& m) {
  if (!s) return;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s); ref && ref->getDecl() == d) {
    const auto* ic = llvm::dyn_cast_or_null<cl::ImplicitCastExpr>(parent);
    if (ic && ic->getCastKind() == cl::CK_LValueToRValue) return;
    // A lambda's capture (by reference: its body's moves are walked as the
    // lambda's children; by value: lower/Lambdas.cpp refuses a moving one).
    if (llvm::isa_and_nonnull<cl::LambdaExpr>(parent)) return;
    if (const auto* bo = llvm::dyn_cast_or_null<cl::BinaryOperator>(parent); bo && namesDecl(bo->getLHS(), d)) {
      if (bo->getOpcode() == cl::BO_Assign) {
        m.assigned.push_back(bo->getRHS());
        return;
      }
      if (bo->getOpcode() == cl::BO_AddAssign || bo->getOpcode() == cl::BO_SubAssign) {
        m.steps = true;
        return;
      }
    }
    if (const auto* uo = llvm::dyn_cast_or_null<cl::UnaryOperator>(parent); uo && uo->isIncrementDecrementOp()) {
      m.steps = true;
      return;
    }
    m.other = true;
    return;
  }
  const cl::Stmt* p = llvm::isa<cl::ParenExpr>(s) ? parent : s;
  for (const cl::Stmt* child : s->children()) collectMoves(child, d, p, m);
}

ExprRef intConst(long n) { return constant(static_cast<double>(n), Type::integer("int"), std::to_string(n)); }

ExprRef asInt(ExprRef e) {
  if (!e) return intConst(0);
  return e->type == Type::integer("int") ? e : cast(e, Type::integer("int"), true);
}

}  // namespace

const cl::VarDecl* Lowerer::declaredAfter(const cl::Stmt* s, cl::SourceLocation after) const {
  if (!s) return nullptr;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s))
    if (const auto* vd = llvm::dyn_cast<cl::VarDecl>(ref->getDecl());
        vd && vd->isLocalVarDecl() &&
        env_.ast.getSourceManager().isBeforeInTranslationUnit(after, vd->getLocation()))
      return vd;
  for (const cl::Stmt* child : s->children())
    if (const cl::VarDecl* vd = declaredAfter(child, after)) return vd;
  return nullptr;
}

const cl::Stmt* Lowerer::bodyOf(const cl::VarDecl* vd) {
  const auto* owner = llvm::dyn_cast<cl::FunctionDecl>(vd->getDeclContext());
  return owner ? owner->getBody() : nullptr;
}

bool Lowerer::pointerTargets(const cl::Expr* e, std::vector<VarId>& arrays, std::set<const cl::Decl*>& seen,
                             cl::SourceLocation after) {
  const cl::Expr* at = e;
  e = e->IgnoreParenImpCasts();
  if (const auto* ce = llvm::dyn_cast<cl::ExplicitCastExpr>(e); ce && ce->getCastKind() == cl::CK_NoOp)
    return pointerTargets(ce->getSubExpr(), arrays, seen, after);
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->getOpcode() == cl::UO_AddrOf) {
    const cl::Expr* base = uo->getSubExpr()->IgnoreParenImpCasts();
    while (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(base)) base = sub->getBase()->IgnoreParenImpCasts();
    if (base != uo->getSubExpr()->IgnoreParenImpCasts()) return pointerTargets(base, arrays, seen, after);
  }
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e);
      bo && (bo->getOpcode() == cl::BO_Add || bo->getOpcode() == cl::BO_Sub) && bo->getType()->isPointerType()) {
    bool left = bo->getLHS()->getType()->isPointerType() || bo->getLHS()->getType()->isArrayType();
    return pointerTargets(left ? bo->getLHS() : bo->getRHS(), arrays, seen, after);
  }
  if (const auto* sub = llvm::dyn_cast<cl::ArraySubscriptExpr>(e); sub && e->getType()->isArrayType())
    return pointerTargets(sub->getBase(), arrays, seen, after);  // a row `A[r]`: into A
  auto add = [&](const View& v) {
    for (VarId a : v.alternatives.empty() ? std::vector<VarId>{v.array} : v.alternatives)
      if (std::find(arrays.begin(), arrays.end(), a) == arrays.end()) arrays.push_back(a);
    return true;
  };
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e)) {
    const cl::Decl* d = ref->getDecl();
    if (seen.count(d)) return true;  // (the pointer itself, or one followed already: a cycle of moves)
    // A local declared after the moving pointer is not lowered yet where the
    // pointer is: its binding, if any, is a stale one from an earlier
    // inlining of the same helper. A pointer is followed through the source;
    // an array cannot be named yet.
    const auto* local = llvm::dyn_cast<cl::VarDecl>(d);
    bool later = local && local->isLocalVarDecl() &&
                 env_.ast.getSourceManager().isBeforeInTranslationUnit(after, local->getLocation());
    if (later && local->getType()->isPointerType()) {
      if (!seen.insert(d).second) return true;
      Moves m;
      collectMoves(bodyOf(local), d, nullptr, m);
      if (local->getInit() && !pointerTargets(local->getInit(), arrays, seen, after)) return false;
      for (const cl::Expr* rhs : m.assigned)
        if (!pointerTargets(rhs, arrays, seen, after)) return false;
      return true;
    }
    if (later) {
      env_.diags.report(at->getExprLoc(), Diag::UnsupportedExpr,
                        {"moving a pointer to '" + sourceText(at) + "', declared after the pointer (declare '" +
                         local->getNameAsString() + "' before it)"});
      failed_ = true;
      return false;
    }
    if (auto it = moving_.find(d); it != moving_.end()) {
      View v;
      v.alternatives = it->second.arrays;
      return add(v);
    }
    if (views_.count(d) || vars_.count(d))
      if (auto v = viewOf(e); v && !v->element) return add(*v);
  } else if (const cl::VarDecl* unseen = declaredAfter(e, after)) {
    // (viewOf would lower an index naming it, `a[t].w` with t a later loop's counter)
    env_.diags.report(at->getExprLoc(), Diag::UnsupportedExpr,
                      {"moving a pointer to '" + sourceText(at) + "', which reads '" + unseen->getNameAsString() +
                       "', declared after the pointer (move it to an array or a pointer: 'p = a + k;', "
                       "'p = q;' with 'q' declared where 'k' is known)"});
    failed_ = true;
    return false;
  } else if (auto v = viewOf(e); v && !v->element) {  // `s.W`, a std::array's data()
    return add(*v);
  }
  if (!failed_)
    env_.diags.report(at->getExprLoc(), Diag::UnsupportedExpr,
                      {"moving a pointer to '" + sourceText(at) +
                       "' (a moving pointer points into arrays: 'p = a;', 'p = &a[k];', 'p = a + k;', 'p += k;')"});
  failed_ = true;
  return false;
}

bool Lowerer::lowerMovingPointerDecl(const cl::VarDecl* vd, Block& out) {
  cl::QualType t = vd->getType();
  if (!t->isPointerType() || !scalarType(t->getPointeeType())) return false;
  Moves m;
  collectMoves(bodyOf(vd), vd, nullptr, m);
  if (m.other || (m.assigned.empty() && !m.steps)) return false;  // (not moved: a view; `&p`: reported there)
  std::vector<VarId> arrays;
  std::set<const cl::Decl*> seen{vd};
  // (After an error the pointer is still bound to the arrays found: its reads
  // report nothing more.)
  bool found = !vd->getInit() || pointerTargets(vd->getInit(), arrays, seen, vd->getLocation());
  for (const cl::Expr* rhs : m.assigned) found = pointerTargets(rhs, arrays, seen, vd->getLocation()) && found;
  const std::string name = vd->getNameAsString();
  if (arrays.empty() && !found) return true;
  if (arrays.empty()) {
    env_.diags.report(vd->getLocation(), Diag::UnsupportedStmt,
                      {"a local pointer '" + name + "' that does not point into an array (declare it where it is "
                       "made, pointing into an array: 'const double* " + name + " = &a[k];' or '= a + k;')"});
    failed_ = true;
    return true;
  }
  for (VarId a : arrays)
    if (fn_.var(a).type != fn_.var(arrays[0]).type) {
      env_.diags.report(vd->getLocation(), Diag::UnsupportedStmt,
                        {"the pointer '" + name + "', which moves between arrays of different types ('" +
                         fn_.var(arrays[0]).name + "' and '" + fn_.var(a).name + "')"});
      failed_ = true;
      return true;
    }
  if (arrays.size() > 1)
    for (VarId a : arrays)
      if (fn_.var(a).role == VarRole::Local && !fn_.var(a).isPointer) fn_.var(a).declaredZeroed = true;
  MovingPointer mp;
  mp.arrays = arrays;
  mp.at = newVar(name + "_at", Type::integer("int"), VarRole::Local);
  if (arrays.size() > 1) mp.in = newVar(name + "_in", Type::integer("int"), VarRole::Local);
  moving_[vd] = mp;
  View v;
  v.array = arrays[0];
  v.offset = fn_.ref(mp.at);
  if (mp.in != kNoVar) {
    v.alternatives = arrays;
    v.which = fn_.ref(mp.in);
  }
  bindView(vd, v);
  if (!found) return true;
  if (const cl::Expr* init = vd->getInit()) {
    moveTo(vd, init, currentOrigin_, out);
  } else {  // (read before a move it is undefined in C++; 0 keeps the generated code defined)
    emitAssign(mp.at, intConst(0), currentOrigin_, out);
    if (mp.in != kNoVar) emitAssign(mp.in, intConst(0), currentOrigin_, out);
  }
  return true;
}

void Lowerer::moveTo(const cl::Decl* d, const cl::Expr* target, int origin, Block& out) {
  const MovingPointer mp = moving_.at(d);  // a copy: lowering adds variables
  auto v = viewOf(target);
  if (failed_) return;
  if (!v || v->element) {
    env_.diags.report(target->getExprLoc(), Diag::UnsupportedExpr,
                      {"moving a pointer to '" + sourceText(target) +
                       "' (a moving pointer points into arrays: 'p = a;', 'p = &a[k];', 'p = a + k;', 'p += k;')"});
    failed_ = true;
    return;
  }
  // Which of mp.arrays: fixed, or mapped from another moving pointer's selector.
  ExprRef which;
  auto indexOf = [&](VarId a) { return std::find(mp.arrays.begin(), mp.arrays.end(), a) - mp.arrays.begin(); };
  for (VarId a : v->alternatives.empty() ? std::vector<VarId>{v->array} : v->alternatives)
    if (indexOf(a) == static_cast<long>(mp.arrays.size())) {  // (pointerTargets missed it: never guess)
      env_.diags.report(target->getExprLoc(), Diag::UnsupportedExpr,
                        {"moving a pointer to '" + sourceText(target) + "', into '" + fn_.var(a).name +
                         "', which gradc could not find where the pointer is declared (move it to an array the "
                         "function names directly)"});
      failed_ = true;
      return;
    }
  if (v->alternatives.empty()) {
    which = intConst(indexOf(v->array));
  } else {
    which = intConst(indexOf(v->alternatives.back()));
    for (size_t j = v->alternatives.size() - 1; j-- > 0;)
      which = select(binary(Op::Eq, v->which, intConst(static_cast<long>(j)), Type::boolean()),
                     intConst(indexOf(v->alternatives[j])), which);
  }
  emitAssign(mp.at, asInt(v->offset), origin, out);
  if (mp.in != kNoVar) emitAssign(mp.in, which, origin, out);
}

bool Lowerer::lowerPointerMove(const cl::Expr* e, int origin, Block& out) {
  e = e->IgnoreParens();
  const cl::Expr* lhs = nullptr;
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) lhs = bo->getLHS();
  if (const auto* uo = llvm::dyn_cast<cl::UnaryOperator>(e); uo && uo->isIncrementDecrementOp()) lhs = uo->getSubExpr();
  const auto* ref = lhs ? llvm::dyn_cast<cl::DeclRefExpr>(lhs->IgnoreParens()) : nullptr;
  auto it = ref ? moving_.find(ref->getDecl()) : moving_.end();
  if (it == moving_.end()) return false;
  VarId at = it->second.at;
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e); bo && bo->getOpcode() == cl::BO_Assign) {
    moveTo(ref->getDecl(), bo->getRHS(), origin, out);
    return true;
  }
  ExprRef step;
  bool down = false;
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e)) {
    if (bo->getOpcode() != cl::BO_AddAssign && bo->getOpcode() != cl::BO_SubAssign) return false;
    step = lowerPassive(bo->getRHS());
    if (!step) return true;
    down = bo->getOpcode() == cl::BO_SubAssign;
  } else {
    const auto* uo = llvm::cast<cl::UnaryOperator>(e);
    step = intConst(1);
    down = uo->isDecrementOp();
  }
  emitAssign(at, binary(down ? Op::Sub : Op::Add, fn_.ref(at), asInt(step), Type::integer("int")), origin, out);
  return true;
}

bool Lowerer::movesBetweenArrays(const cl::Expr* e) const {
  e = e->IgnoreParenImpCasts();
  if (const auto* bo = llvm::dyn_cast<cl::BinaryOperator>(e);
      bo && (bo->getOpcode() == cl::BO_Add || bo->getOpcode() == cl::BO_Sub) && bo->getType()->isPointerType())
    return movesBetweenArrays(bo->getLHS()->getType()->isPointerType() ? bo->getLHS() : bo->getRHS());
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(e);
  auto it = ref ? views_.find(ref->getDecl()) : views_.end();
  return it != views_.end() && !it->second.alternatives.empty();
}

ExprRef Lowerer::readElement(const View& el, const Type& type, Block* out) {
  ExprRef index = el.offset ? el.offset : intConst(0);
  if (el.alternatives.empty()) return load(el.array, index, type);
  const size_t n = el.alternatives.size();
  auto is = [&](size_t j) { return binary(Op::Eq, el.which, intConst(static_cast<long>(j)), Type::boolean()); };
  if (!out) {  // passive: C++'s ?: reads one array only
    ExprRef r = load(el.alternatives[n - 1], index, type);
    for (size_t j = n - 1; j-- > 0;) r = select(is(j), load(el.alternatives[j], index, type), r);
    return r;
  }
  VarId result = newVar(fn_.var(el.array).name + "_el", type, VarRole::Temp);
  forEachAlternative(el, currentOrigin_, *out, [&](VarId array, Block& into) {
    into.push_back(assign(result, load(array, index, type), currentOrigin_));
  });
  defined_.insert(result);
  return fn_.ref(result);
}

void Lowerer::forEachAlternative(const View& el, int origin, Block& out,
                                  const std::function<void(VarId, Block&)>& access) {
  const std::vector<VarId>& arrays = el.alternatives;
  std::vector<VarId> conds;
  for (size_t j = 0; j + 1 < arrays.size(); ++j)
    conds.push_back(
        materialize(binary(Op::Eq, el.which, intConst(static_cast<long>(j)), Type::boolean()), out, origin));
  size_t mark = defined_.mark();  // (what a branch defines is not defined after the chain)
  Block chain;
  access(arrays.back(), chain);
  for (size_t j = arrays.size() - 1; j-- > 0;) {
    Stmt st;
    st.kind = StmtKind::If;
    st.value = fn_.ref(conds[j]);
    st.origin = origin;
    access(arrays[j], st.thenBlock);
    st.elseBlock = std::move(chain);
    chain.clear();
    chain.push_back(std::move(st));
  }
  defined_.undo(mark);
  for (Stmt& st : chain) out.push_back(std::move(st));
}

}  // namespace gradc::lowering
