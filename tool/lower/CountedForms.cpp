// Counted loops however they are written. The reverse sweep needs a loop's
// bounds and step before it runs; many loops that have them are spelled
// otherwise: `for (int i = 0; i + 1 < n; i += 2)`, `int i = 0; while (i < n)
// { ...; ++i; }`, `for (;;) { if (i >= n) break; ...; ++i; }`, a step as the
// body's last statement (`for (int i = 0; i < n;) { ...; i += 2; }`), and a
// second counter moving with the first (`for (int i = 0, j = n; i < n; ++i,
// --j)`). countedForm recognizes them, lowerCountedForm emits the counted loop.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

#include <functional>
#include <optional>

namespace gradc::lowering {

namespace {

// A `continue` of this loop (not of a loop inside it).
bool continuesIn(const cl::Stmt* s) {
  if (!s || llvm::isa<cl::LambdaExpr>(s)) return false;
  if (llvm::isa<cl::ContinueStmt>(s)) return true;
  if (llvm::isa<cl::ForStmt>(s) || llvm::isa<cl::WhileStmt>(s) || llvm::isa<cl::DoStmt>(s) ||
      llvm::isa<cl::CXXForRangeStmt>(s))
    return false;
  for (const cl::Stmt* child : s->children())
    if (continuesIn(child)) return true;
  return false;
}

bool mentions(const cl::Stmt* s, const cl::Decl* d) {
  if (!s) return false;
  if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s); ref && ref->getDecl() == d) return true;
  for (const cl::Stmt* child : s->children())
    if (mentions(child, d)) return true;
  return false;
}

cl::BinaryOperatorKind negated(cl::BinaryOperatorKind op) {
  switch (op) {
    case cl::BO_LT: return cl::BO_GE;
    case cl::BO_LE: return cl::BO_GT;
    case cl::BO_GT: return cl::BO_LE;
    case cl::BO_GE: return cl::BO_LT;
    case cl::BO_EQ: return cl::BO_NE;
    default: return cl::BO_EQ;  // (`!=` negated: not a counted condition)
  }
}

// The body of a for, while or do loop.
const cl::Stmt* bodyOfLoop(const cl::Stmt* loop) {
  if (const auto* fs = llvm::dyn_cast<cl::ForStmt>(loop)) return fs->getBody();
  if (const auto* ws = llvm::dyn_cast<cl::WhileStmt>(loop)) return ws->getBody();
  return llvm::cast<cl::DoStmt>(loop)->getBody();
}

// e + 1 for a loop bound, folded where it is plain: `n - 1` + 1 is `n`.
ExprRef addOne(const ExprRef& e, const Type& t) {
  auto c = [&](double v) { return constant(v, t, std::to_string(static_cast<long long>(v))); };
  bool literal = e->op == Op::Const && t.kind == TypeKind::Int &&
                 e->text.find_first_not_of("-0123456789") == std::string::npos;
  if (literal) return c(e->number + 1);
  if ((e->op == Op::Sub || e->op == Op::Add) && e->args[1]->op == Op::Const && e->args[1]->number == 1 &&
      e->type == t)
    return e->op == Op::Sub ? e->args[0] : binary(Op::Add, e->args[0], c(2), t);
  return binary(Op::Add, e, c(1), t);
}

}  // namespace

std::string Lowerer::countedForm(const cl::Stmt* init, const cl::Expr* cond, const cl::Expr* inc,
                                 const cl::Stmt* body, CountedForm& f) {
  auto constInt = [&](const cl::Expr* e, long& v) {
    cl::Expr::EvalResult r;
    if (e->isValueDependent() || !e->EvaluateAsInt(r, env_.ast)) return false;
    v = r.Val.getInt().getExtValue();
    return true;
  };
  const std::string oneCounter = "the loop must declare one integer counter";
  const std::string condForm =
      "the condition must be 'i < hi', 'i <= hi', 'i != hi', or 'i >= lo', 'i > lo' for a loop counting down, "
      "optionally followed by '&& ...'";
  std::vector<const cl::Stmt*> stmts;
  if (const auto* block = llvm::dyn_cast_or_null<cl::CompoundStmt>(body))
    stmts.assign(block->body_begin(), block->body_end());
  else if (body)
    stmts.push_back(body);

  // The declared variables: the counter and the counters following it.
  std::vector<const cl::VarDecl*> declared;
  const cl::Expr* assignedInit = nullptr;  // `for (i = 0; ...)`
  if (const auto* ds = llvm::dyn_cast_or_null<cl::DeclStmt>(init)) {
    for (const cl::Decl* d : ds->decls()) {
      const auto* vd = llvm::dyn_cast<cl::VarDecl>(d);
      if (!vd || !vd->getInit() || !vd->getType()->isIntegerType()) return oneCounter;
      declared.push_back(vd);
    }
  } else if (const auto* set = llvm::dyn_cast_or_null<cl::BinaryOperator>(init);
             set && set->getOpcode() == cl::BO_Assign) {
    assignedInit = set->getRHS();
  } else if (init) {
    return oneCounter;
  }

  // No condition (or `true`): a leading `if (i >= hi) break;` is the condition.
  bool always = !cond;
  if (cond && !cond->isValueDependent()) {
    bool v = false;
    always = cond->EvaluateAsBooleanCondition(v, env_.ast) && v;
  }
  bool negate = false;
  if (always) {
    const auto* ifs = stmts.empty() ? nullptr : llvm::dyn_cast<cl::IfStmt>(stmts.front());
    const cl::Stmt* then = ifs ? ifs->getThen() : nullptr;
    if (const auto* b = llvm::dyn_cast_or_null<cl::CompoundStmt>(then); b && b->size() == 1) then = b->body_front();
    if (!ifs || ifs->getElse() || ifs->getInit() || ifs->getConditionVariable() || ifs->isConstexpr() ||
        !llvm::isa_and_nonnull<cl::BreakStmt>(then))
      return "a loop without a condition must start with 'if (i >= hi) break;'";
    f.skipFirst = ifs;
    cond = ifs->getCond();
    negate = true;
  }
  const auto* cmp = llvm::dyn_cast<cl::BinaryOperator>(cond->IgnoreImplicit()->IgnoreParens());
  if (cmp && cmp->getOpcode() == cl::BO_LAnd && !negate) {
    f.stop = cmp->getRHS();
    cmp = llvm::dyn_cast<cl::BinaryOperator>(cmp->getLHS()->IgnoreParens());
  }
  if (!cmp || !cmp->isComparisonOp()) return condForm;
  f.op = negate ? negated(cmp->getOpcode()) : cmp->getOpcode();
  if (f.op == cl::BO_EQ) return condForm;
  const cl::Expr* lhs = cmp->getLHS()->IgnoreParenImpCasts();
  if (const auto* sum = llvm::dyn_cast<cl::BinaryOperator>(lhs);
      sum && (sum->getOpcode() == cl::BO_Add || sum->getOpcode() == cl::BO_Sub)) {
    // `i + 1 < n` is `i < n - 1`.
    long c = 0;
    if (!constInt(sum->getRHS(), c)) return condForm;
    f.shift = sum->getOpcode() == cl::BO_Add ? c : -c;
    lhs = sum->getLHS()->IgnoreParenImpCasts();
    if (cmp->getLHS()->getType()->isUnsignedIntegerType() || lhs->getType()->isUnsignedIntegerType())
      return "'i + c < n' on unsigned values (n - c could wrap around; use a signed counter)";
  }
  const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(lhs);
  f.counter = ref ? llvm::dyn_cast<cl::VarDecl>(ref->getDecl()) : nullptr;
  if (!f.counter) return declared.empty() ? condForm : oneCounter;
  f.bound = cmp->getRHS();
  if (mentions(f.bound, f.counter)) return condForm;
  if (!declared.empty()) {
    if (std::find(declared.begin(), declared.end(), f.counter) == declared.end()) return condForm;
    f.declared = true;
    f.init = f.counter->getInit();
    for (const cl::VarDecl* vd : declared) {
      if (vd == f.counter) continue;
      for (const cl::VarDecl* other : declared)
        if (mentions(vd->getInit(), other))
          return "a second counter's start may not read the loop's other counters";
      f.followers.push_back({vd, vd->getInit(), 0});
    }
  } else {
    auto it = vars_.find(f.counter);
    if (it == vars_.end() || !f.counter->getType()->isIntegerType() || fixedVars_.count(it->second))
      return oneCounter;
    f.init = assignedInit;
  }

  // The step: in the increment, or the body's last statement.
  auto stepOf = [&](const cl::Stmt* s, const cl::VarDecl*& var, long& step) {
    const auto* e = llvm::dyn_cast_or_null<cl::Expr>(s);
    e = e ? e->IgnoreParens() : nullptr;
    const cl::Expr* target = nullptr;
    step = 0;
    if (const auto* u = llvm::dyn_cast_or_null<cl::UnaryOperator>(e); u && u->isIncrementDecrementOp()) {
      target = u->getSubExpr();
      step = u->isIncrementOp() ? 1 : -1;
    } else if (const auto* ca = llvm::dyn_cast_or_null<cl::CompoundAssignOperator>(e);
               ca && (ca->getOpcode() == cl::BO_AddAssign || ca->getOpcode() == cl::BO_SubAssign)) {
      target = ca->getLHS();
      if (constInt(ca->getRHS(), step)) step *= ca->getOpcode() == cl::BO_SubAssign ? -1 : 1;
    }
    const auto* r = target ? llvm::dyn_cast<cl::DeclRefExpr>(target->IgnoreParens()) : nullptr;
    var = r ? llvm::dyn_cast<cl::VarDecl>(r->getDecl()) : nullptr;
    return var != nullptr;
  };
  std::vector<const cl::Expr*> parts;
  std::function<void(const cl::Expr*)> split = [&](const cl::Expr* e) {
    const auto* comma = llvm::dyn_cast<cl::BinaryOperator>(e->IgnoreParens());
    if (comma && comma->getOpcode() == cl::BO_Comma) {
      split(comma->getLHS());
      split(comma->getRHS());
    } else {
      parts.push_back(e);
    }
  };
  if (inc) split(inc);
  bool stepped = false, other = false;
  for (const cl::Expr* part : parts) {
    const cl::VarDecl* var = nullptr;
    long step = 0;
    if (!stepOf(part, var, step)) {
      other = true;
      continue;
    }
    if (var == f.counter) {
      f.step = step;
      stepped = true;
      if (const auto* ca = llvm::dyn_cast<cl::CompoundAssignOperator>(part->IgnoreParens());
          ca && ca->getOpcode() == cl::BO_AddAssign && step == 0)
        f.runtimeStep = ca->getRHS();
      continue;
    }
    auto fo = std::find_if(f.followers.begin(), f.followers.end(), [&](const auto& x) { return x.var == var; });
    if (fo == f.followers.end() || step == 0) {
      other = true;
      continue;
    }
    fo->step = step;
  }
  if (stepped && other) return "the increment may only step the loop's counters";
  if (!stepped) {
    // `for (...; t *= x) { ...; ++i; }`: the counter steps last in the body,
    // then the increment runs.
    const cl::VarDecl* var = nullptr;
    long step = 0;
    if (stmts.empty() || !stepOf(stmts.back(), var, step) || var != f.counter)
      return "a loop counting up ('i < hi') must step by ++i or i += a positive constant";
    f.step = step;
    f.stepStmt = stmts.back();
    f.after = inc;
    if (!f.followers.empty()) return "the increment must step the counters";
    if (inc && mentions(inc, f.counter))
      return "the increment may not read the counter when the body steps it";
    if (continuesIn(body))
      return "a 'continue' would skip the counter's step at the end of the body (step it in the loop's head)";
  }

  bool up = f.op == cl::BO_LT || f.op == cl::BO_LE || f.op == cl::BO_NE;
  bool isUnsigned = f.counter->getType()->isUnsignedIntegerType();
  if (f.runtimeStep) {
    // `t += b`, b known at run time: the loop runs (hi - lo + b - 1) / b
    // times if it ends at all, with t = lo + k * b on trip k.
    const char* invariant = "a loop stepping by 'i += s' needs 's' an integer the loop only reads ('i += b', "
                            "'i += 2 * b')";
    if (f.op != cl::BO_LT && f.op != cl::BO_LE)
      return "a loop stepping by a run-time 'i += s' must count up with 'i < hi' or 'i <= hi'";
    if (!f.runtimeStep->getType()->isIntegerType() || f.runtimeStep->HasSideEffects(env_.ast)) return invariant;
    std::function<bool(const cl::Stmt*)> readOnly = [&](const cl::Stmt* s) {
      if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s)) {
        const auto* vd = llvm::dyn_cast<cl::VarDecl>(ref->getDecl());
        if (!vd || vd == f.counter || !onlyReadIn(body, vd)) return false;
        if (f.stop && !onlyReadIn(f.stop, vd)) return false;
      }
      for (const cl::Stmt* child : s->children())
        if (child && !readOnly(child)) return false;
      return true;
    };
    if (!readOnly(f.runtimeStep)) return invariant;
    if (!readOnly(f.bound)) return "a loop stepping by a run-time 'i += s' needs a bound the loop only reads";
    if (!f.followers.empty()) return "a loop stepping by a run-time 'i += s' may have one counter only";
    if (f.counter->getType()->isUnsignedIntegerType())
      return "a loop stepping by a run-time 'i += s' needs a signed counter";
  } else if (up && f.step <= 0) {
    return "a loop counting up ('i < hi') must step by ++i or i += a positive constant";
  }
  if (!up && f.step != -1)
    return f.step < -1 ? "a loop counting down must step by --i (for 'i -= k' write 'for (int j = 0; j < count; "
                         "++j)' with 'int i = start - j * k;')"
                       : "a loop counting down ('i >= lo') must step by --i";
  if (isUnsigned && f.step != 1 && up)
    return "an unsigned counter must step by 1: the reverse loop counts down to the lower bound";
  if (isUnsigned && !up)
    return "an unsigned counter counting down (it cannot go below zero: use a signed counter, 'for (int i = n - 1; "
           "i >= 0; --i)')";
  // `i != hi` stepping by 1 from lo is `i < hi` for every loop that ends:
  // a signed counter starting above hi would overflow before reaching it
  // (undefined behaviour), so lo <= hi, and then both stop at i == hi. An
  // unsigned counter wraps around and may end from above: not accepted.
  if (f.op == cl::BO_NE && (f.step != 1 || isUnsigned))
    return "'i != hi' is accepted with a signed counter stepping by ++i only (write 'i < hi')";
  for (const auto& fo : f.followers) {
    if (!onlyReadIn(body, fo.var)) return "a second counter may change in the loop's head only";
    // (the condition is tested before the body sets the second counters)
    if (mentions(f.stop, fo.var) || (fo.step != 0 && mentions(f.bound, fo.var)))
      return "the condition may not read a second counter that steps";
  }
  if (!f.declared) {
    // Its value after the loop is known when the loop runs to the end.
    std::vector<const cl::Stmt*> rest(stmts.begin() + (f.skipFirst ? 1 : 0), stmts.end());
    bool early = f.stop || containsReturn(body) ||
                 std::any_of(rest.begin(), rest.end(), [](const cl::Stmt* s) { return breaksOut(s); });
    if (early)
      return "the loop may stop early ('break', 'return' or '&& ...') and its counter '" +
             f.counter->getNameAsString() + "' is declared before it, which leaves its final value unknown: "
             "declare the counter in the loop";
  }
  return {};
}

std::optional<long> Lowerer::startValue(const cl::Stmt* loop, const CountedForm& f) {
  const cl::VarDecl* i = f.counter;
  cl::Expr::EvalResult r;
  const auto* owner = llvm::dyn_cast<cl::FunctionDecl>(i->getDeclContext());
  if (llvm::isa<cl::ParmVarDecl>(i) || !i->getInit() || i->getInit()->isValueDependent() ||
      !i->getInit()->EvaluateAsInt(r, env_.ast) || !owner || !owner->getBody())
    return std::nullopt;
  // Written nowhere but in the loop's step...
  std::function<bool(const cl::Stmt*, const cl::Stmt*)> onlyRead = [&](const cl::Stmt* s, const cl::Stmt* parent) {
    if (!s || s == f.stepStmt) return true;
    // A lambda's capture of the counter is not a write (`[&] { return xs[i]; }`): what its body does with it is.
    if (const auto* lambda = llvm::dyn_cast<cl::LambdaExpr>(s)) return onlyRead(lambda->getBody(), nullptr);
    if (const auto* ref = llvm::dyn_cast<cl::DeclRefExpr>(s); ref && ref->getDecl() == i) {
      const auto* ic = llvm::dyn_cast_or_null<cl::ImplicitCastExpr>(parent);
      return ic && ic->getCastKind() == cl::CK_LValueToRValue;
    }
    const cl::Stmt* p = llvm::isa<cl::ParenExpr>(s) ? parent : s;
    for (const cl::Stmt* child : s->children())
      if (!onlyRead(child, p)) return false;
    return true;
  };
  if (!onlyRead(owner->getBody(), nullptr)) return std::nullopt;
  // ...and the loop runs once per declaration: no loop around it inside the counter's scope.
  for (const cl::Stmt* cur = loop;;) {
    auto parents = env_.ast.getParents(*cur);
    const cl::Stmt* p = parents.empty() ? nullptr : parents[0].get<cl::Stmt>();
    if (!p || llvm::isa<cl::ForStmt>(p) || llvm::isa<cl::WhileStmt>(p) || llvm::isa<cl::DoStmt>(p) ||
        llvm::isa<cl::CXXForRangeStmt>(p))
      return std::nullopt;
    if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(p))
      for (const cl::Stmt* s : block->body())
        if (const auto* ds = llvm::dyn_cast<cl::DeclStmt>(s))
          for (const cl::Decl* d : ds->decls())
            if (d == i) return r.Val.getInt().getExtValue();
    cur = p;
  }
}

void Lowerer::lowerCountedForm(const cl::Stmt* loop, const CountedForm& f, Block& out) {
  auto text = [&](const cl::Stmt* s) { return s ? sourceText(s) : std::string(); };
  std::string head;
  if (const auto* fs = llvm::dyn_cast<cl::ForStmt>(loop)) {
    std::string init = text(fs->getInit());
    // (a declaration's text ends with its `;`, an expression's does not)
    if (!init.empty() && init.back() != ';') init += ";";
    head = "for (" + (init.empty() ? std::string(";") : init) + " " + text(fs->getCond()) + "; " +
           text(fs->getInc()) + ")";
  } else if (const auto* ws = llvm::dyn_cast<cl::WhileStmt>(loop)) {
    head = "while (" + text(ws->getCond()) + ")";
  } else if (const auto* ds = llvm::dyn_cast<cl::DoStmt>(loop)) {
    head = "do ... while (" + text(ds->getCond()) + ")";
  }
  int origin = addOrigin(loop, head);
  auto type = scalarType(f.counter->getType());
  const VarId before = f.declared ? kNoVar : vars_.at(f.counter);
  auto num = [&](long v) { return constant(static_cast<double>(v), *type, std::to_string(v)); };
  // A constant start keeps the trip count constant (the reverse sweep's
  // storage is then sized at compile time).
  std::optional<long> known = f.init ? std::nullopt : startValue(loop, f);
  ExprRef lo = f.init ? lowerPassive(f.init) : known ? num(*known) : fn_.ref(before);
  if (!lo) return;
  std::vector<VarId> starts;  // the second counters' first values (`int i = 0, m = n - 1; i < m`)
  for (const auto& fo : f.followers) {
    ExprRef s = lowerPassive(fo.init);
    if (!s) return;
    starts.push_back(materialize(s, out, origin));
    vars_[fo.var] = starts.back();
  }
  ExprRef hi = lowerPassive(f.bound);
  if (!hi) return;
  if (f.shift > 0) hi = binary(Op::Sub, hi, num(f.shift), *type);
  if (f.shift < 0) hi = binary(Op::Add, hi, num(-f.shift), *type);
  const bool down = f.op == cl::BO_GT || f.op == cl::BO_GE;
  auto plusOne = [&](const ExprRef& e) { return addOne(e, *type); };
  if (f.op == cl::BO_LE) hi = plusOne(hi);
  ExprRef start = lo;
  if (down) {
    // Counting down from `start` to `lo`: the values of [lo, start + 1), last first.
    lo = f.op == cl::BO_GT ? plusOne(hi) : hi;
    hi = plusOne(start);
  }
  if (f.atLeastOnce) {
    // A `do` loop runs its first trip unasked: the range holds `start` at least.
    const Type b = Type::boolean();
    auto fold = [&](const ExprRef& keep, const ExprRef& other, Op better) {
      if (keep->op == Op::Const && other->op == Op::Const)
        return (better == Op::Gt ? keep->number > other->number : keep->number < other->number) ? keep : other;
      return select(binary(better, keep, other, b), keep, other);
    };
    if (down)
      lo = fold(lo, start, Op::Lt);
    else
      hi = fold(hi, plusOne(lo), Op::Gt);
  }

  if (f.runtimeStep) {
    lowerRuntimeStep(loop, f, lo, hi, origin, out);
    return;
  }

  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = origin;
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar(f.counter->getNameAsString(), *type, VarRole::Local);
  // j = j0 + (trips so far) * step, at the top of each iteration.
  ExprRef trips = down ? binary(Op::Sub, start, fn_.ref(st.dst), *type)
                       : binary(Op::Sub, fn_.ref(st.dst), lo, *type);
  if (!down && f.step != 1) trips = binary(Op::Div, trips, num(f.step), *type);
  loopPrologue_.clear();
  for (size_t k = 0; k < f.followers.size(); ++k) {
    auto ftype = scalarType(f.followers[k].var->getType());
    VarId j = newVar(f.followers[k].var->getNameAsString(), *ftype, VarRole::Local);
    ExprRef moved = binary(Op::Mul, trips, constant(static_cast<double>(f.followers[k].step), *type,
                                                    std::to_string(f.followers[k].step)), *type);
    ExprRef value = f.followers[k].step == 0 ? fn_.ref(starts[k]) : binary(Op::Add, fn_.ref(starts[k]), moved, *type);
    if (*ftype != *type) value = cast(value, *ftype, true);
    loopPrologue_.push_back(assign(j, value, origin));
    vars_[f.followers[k].var] = j;
  }
  currentLoop_ = outer;
  vars_[f.counter] = st.dst;
  fixedVars_.insert(st.dst);  // a view offset may read it (lower/Views.cpp)
  st.args = {lo, hi, num(down ? 1 : f.step)};
  st.descending = down;
  form_ = f.skipFirst || f.stepStmt || f.after || !f.followers.empty() ? &f : nullptr;
  lowerCountedLoop(std::move(st), bodyOfLoop(loop), f.stop, LoopForm::For, out);
  form_ = nullptr;
  if (f.declared) return;
  vars_[f.counter] = before;
  if (failed_) return;
  // The counter after the loop: the first value the condition refused.
  const Type b = Type::boolean();
  ExprRef last;
  if (down) {
    last = select(binary(Op::Ge, start, lo, b), binary(Op::Sub, lo, num(1), *type), start);
  } else {
    ExprRef past = f.step == 1 ? hi
                               : binary(Op::Add, lo,
                                        binary(Op::Mul,
                                               binary(Op::Div,
                                                      binary(Op::Sub, binary(Op::Add, hi, num(f.step - 1), *type),
                                                             lo, *type),
                                                      num(f.step), *type),
                                               num(f.step), *type),
                                        *type);
    last = select(binary(Op::Lt, lo, hi, b), past, lo);
  }
  emitAssign(before, last, origin, out);
}

// `for (t = lo; t < hi; t += s)`, s read only: a counter k over the trips,
// (hi - lo + s - 1) / s when lo < hi (then s > 0, or the loop never ends),
// and t = lo + k * s at the top of each trip. lo, s and the trip count are
// fixed before the loop.
void Lowerer::lowerRuntimeStep(const cl::Stmt* loop, const CountedForm& f, ExprRef lo, ExprRef hi, int origin,
                               Block& out) {
  auto type = scalarType(f.counter->getType());
  auto num = [&](long v) { return constant(static_cast<double>(v), *type, std::to_string(v)); };
  const Type b = Type::boolean();
  ExprRef step = lowerPassive(f.runtimeStep);
  if (!step) return;
  if (step->type != *type) step = cast(step, *type, true);
  if (lo->op != Op::Const) lo = fn_.ref(materialize(lo, out, origin));
  VarId stride = materialize(step, out, origin);
  ExprRef runs = binary(Op::LAnd, binary(Op::Lt, lo, hi, b), binary(Op::Gt, fn_.ref(stride), num(0), b), b);
  ExprRef span = binary(Op::Add, hi, binary(Op::Sub, fn_.ref(stride), num(1), *type), *type);
  if (lo->op != Op::Const || lo->number != 0) span = binary(Op::Sub, span, lo, *type);
  ExprRef count = binary(Op::Div, span, fn_.ref(stride), *type);
  VarId trips = materialize(select(runs, count, num(0)), out, origin);

  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = origin;
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar(f.counter->getNameAsString() + "_trip", *type, VarRole::Local);
  VarId t = newVar(f.counter->getNameAsString(), *type, VarRole::Local);
  loopPrologue_.clear();
  auto from = [&](const ExprRef& k) {  // lo + k * s
    ExprRef moved = binary(Op::Mul, k, fn_.ref(stride), *type);
    return lo->op == Op::Const && lo->number == 0 ? moved : binary(Op::Add, lo, moved, *type);
  };
  loopPrologue_.push_back(assign(t, from(fn_.ref(st.dst)), origin));
  currentLoop_ = outer;
  const VarId before = f.declared ? kNoVar : vars_.at(f.counter);
  vars_[f.counter] = t;
  fixedVars_.insert(st.dst);
  st.args = {num(0), fn_.ref(trips), num(1)};
  form_ = &f;
  lowerCountedLoop(std::move(st), bodyOfLoop(loop), f.stop, LoopForm::For, out);
  form_ = nullptr;
  if (f.declared) return;
  vars_[f.counter] = before;
  if (failed_) return;
  // The counter after the loop: lo + trips * s (lo when it did not run).
  emitAssign(before, from(fn_.ref(trips)), origin, out);
}

}  // namespace gradc::lowering
