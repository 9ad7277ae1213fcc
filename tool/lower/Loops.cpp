// Lowering of loops: counted `for` loops (counting up or down), `while` and
// `do` loops bounded by GRADC_MAX_TRIPS, and `return` inside a loop.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

#include <algorithm>
#include <optional>

namespace gradc::lowering {

namespace {

// A `break` of this loop (not of a loop inside it).
bool breaksOut(const cl::Stmt* s) {
  if (!s) return false;
  if (llvm::isa<cl::BreakStmt>(s)) return true;
  if (llvm::isa<cl::ForStmt>(s) || llvm::isa<cl::WhileStmt>(s) || llvm::isa<cl::DoStmt>(s)) return false;
  for (const cl::Stmt* child : s->children())
    if (breaksOut(child)) return true;
  return false;
}

// n of a GRADC_MAX_TRIPS(n) among the first statements of a loop body.
std::optional<long> maxTrips(const cl::Stmt* body, const cl::ASTContext& ast) {
  const auto* block = llvm::dyn_cast_or_null<cl::CompoundStmt>(body);
  for (const cl::Stmt* s : block ? block->body() : llvm::iterator_range<cl::Stmt* const*>(nullptr, nullptr)) {
    const auto* decl = llvm::dyn_cast<cl::DeclStmt>(s);
    const auto* sa = decl && decl->isSingleDecl() ? llvm::dyn_cast<cl::StaticAssertDecl>(decl->getSingleDecl()) : nullptr;
    const auto* msg = sa ? llvm::dyn_cast_or_null<cl::StringLiteral>(sa->getMessage()) : nullptr;
    if (!msg || msg->getString() != "gradc.max_trips") continue;
    const auto* gt = llvm::dyn_cast<cl::BinaryOperator>(sa->getAssertExpr()->IgnoreParenImpCasts());
    cl::Expr::EvalResult r;
    if (gt && gt->getLHS()->EvaluateAsInt(r, ast)) return r.Val.getInt().getExtValue();
  }
  return std::nullopt;
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

// `for (...) { ... return e; ... } rest`: the loop stops at the return, which
// sets `returned`; `rest` runs only when it did not. A loop inside another
// loop stops that one too, up to the function's (or inlined callee's) top.
bool Lowerer::lowerLoopWithReturn(const cl::Stmt* loop, std::vector<Range>& cont, Block& out) {
  bool top = currentLoop_ == returnLoop_;
  VarId saved = returnedFlag_, savedValue = returnValue_;
  const Type b = Type::boolean();
  int origin = addOrigin(loop, "a 'return' inside the loop");
  VarId target = inlining_.empty() ? fn_.result : returnTarget_;
  if (top) {
    returnedFlag_ = newVar("returned", b, VarRole::Local);
    out.push_back(assign(returnedFlag_, constant(0, b, "false"), origin));
    defined_.insert(returnedFlag_);
    // The value returned, set by the loop's return; the result is assigned
    // from it once, after the loop (the reverse sweep restores what a loop
    // overwrites, which must not be the result). It starts at zero: which
    // path set it is known from `returned` only, which neither a compiler
    // nor the def-before-use check sees.
    returnValue_ = kNoVar;
    if (target != kNoVar) {
      const Type t = fn_.var(target).type;
      returnValue_ = newVar("value", t, VarRole::Local);
      out.push_back(assign(returnValue_, constant(0, t, t.isFloating() ? formatLiteral(0, t.kind) : "0"), origin));
      defined_.insert(returnValue_);
    }
  }
  VarId returned = returnedFlag_, value = returnValue_;
  lowerStmt(loop, out);
  returnedFlag_ = saved;
  returnValue_ = savedValue;
  if (failed_) return false;
  auto takeValue = [&](Block& b) {
    if (top && target != kNoVar) {
      b.push_back(assign(target, fn_.ref(value), origin));
      defined_.insert(target);
    }
  };
  // `while (true)` without a break leaves only by its return (or by running
  // out of GRADC_MAX_TRIPS, where the function gives up): nothing follows.
  const cl::Expr* cond = nullptr;
  const cl::Stmt* body = nullptr;
  if (const auto* w = llvm::dyn_cast<cl::WhileStmt>(loop)) cond = w->getCond(), body = w->getBody();
  if (const auto* d = llvm::dyn_cast<cl::DoStmt>(loop)) cond = d->getCond(), body = d->getBody();
  bool always = false;
  if (cond && !cond->isValueDependent() && cond->EvaluateAsBooleanCondition(always, env_.ast) && always &&
      !breaksOut(body)) {
    takeValue(out);
    return true;
  }
  Stmt st;
  st.kind = StmtKind::If;
  st.origin = origin;
  VarId c = newVar("cond", b, VarRole::Temp);
  out.push_back(assign(c, fn_.ref(returned), origin));
  defined_.insert(c);
  st.value = fn_.ref(c);
  if (!top) st.thenBlock.push_back(assign(runningFlags_.back(), constant(0, b, "false"), origin));
  size_t mark = defined_.mark();
  takeValue(st.thenBlock);
  std::vector<VarId> definedByThen = defined_.undo(mark);  // (the else branch does not overwrite them)
  bool rest = lowerBranch(nullptr, &cont, st.elseBlock);
  for (VarId v : definedByThen) defined_.insert(v);
  out.push_back(std::move(st));
  return rest;
}

// Only counted loops: the reverse sweep runs them backwards, so their bounds
// and step must be known without running them.
void Lowerer::lowerFor(const cl::ForStmt* loop, Block& out) {
  auto reject = [&](const std::string& why) {
    env_.diags.report(loop->getForLoc(), Diag::UnsupportedStmt,
                      {"this loop (" + why + "; write 'for (int i = lo; i < hi; ++i)')"});
    failed_ = true;
  };
  const auto* init = llvm::dyn_cast_or_null<cl::DeclStmt>(loop->getInit());
  const auto* counter = init && init->isSingleDecl() ? llvm::dyn_cast<cl::VarDecl>(init->getSingleDecl()) : nullptr;
  if (!counter || !counter->getInit() || !counter->getType()->isIntegerType())
    return reject("the loop must declare one integer counter");
  // `i < hi && more`: counted, stopping early when `more` turns false.
  // (IgnoreImplicit: a temporary in the condition, `std::min(a[j], -3.0)`
  // binding -3.0 to a const&, wraps it in ExprWithCleanups.)
  const auto* cond = llvm::dyn_cast_or_null<cl::BinaryOperator>(
      loop->getCond() ? loop->getCond()->IgnoreImplicit()->IgnoreParens() : nullptr);
  const cl::Expr* stop = nullptr;
  if (cond && cond->getOpcode() == cl::BO_LAnd) {
    stop = cond->getRHS();
    cond = llvm::dyn_cast<cl::BinaryOperator>(cond->getLHS()->IgnoreParens());
  }
  const auto* condLhs = cond ? llvm::dyn_cast<cl::DeclRefExpr>(cond->getLHS()->IgnoreParenImpCasts()) : nullptr;
  cl::BinaryOperatorKind op = cond ? cond->getOpcode() : cl::BO_Comma;
  bool up = op == cl::BO_LT || op == cl::BO_LE || op == cl::BO_NE, down = op == cl::BO_GT || op == cl::BO_GE;
  if (!cond || !condLhs || condLhs->getDecl() != counter || !(up || down))
    return reject("the condition must be 'i < hi', 'i <= hi', 'i != hi', or 'i >= lo', 'i > lo' for a loop counting "
                  "down, optionally followed by '&& ...'");
  // The step, signed: ++i, i++, i += c count up; --i, i--, i -= c down.
  long step = 0;
  const cl::Expr* inc = loop->getInc() ? loop->getInc()->IgnoreParens() : nullptr;
  if (const auto* u = llvm::dyn_cast_or_null<cl::UnaryOperator>(inc); u && u->isIncrementDecrementOp()) {
    step = u->isIncrementOp() ? 1 : -1;
  } else if (const auto* ca = llvm::dyn_cast_or_null<cl::CompoundAssignOperator>(inc);
             ca && (ca->getOpcode() == cl::BO_AddAssign || ca->getOpcode() == cl::BO_SubAssign)) {
    cl::Expr::EvalResult r;
    if (ca->getRHS()->EvaluateAsInt(r, env_.ast))
      step = r.Val.getInt().getExtValue() * (ca->getOpcode() == cl::BO_SubAssign ? -1 : 1);
  }
  bool isUnsigned = counter->getType()->isUnsignedIntegerType();
  if (up && step <= 0) return reject("a loop counting up ('i < hi') must step by ++i or i += a positive constant");
  if (down && step != -1)
    return reject(step < -1 ? "a loop counting down must step by --i (for 'i -= k' write 'for (int j = 0; j < "
                              "count; ++j)' with 'int i = start - j * k;')"
                            : "a loop counting down ('i >= lo') must step by --i");
  if (isUnsigned && step != 1 && up) return reject("an unsigned counter must step by 1: the reverse loop counts down to the lower bound");
  if (isUnsigned && down)
    return reject("an unsigned counter counting down (it cannot go below zero: use a signed counter, 'for (int i = n "
                  "- 1; i >= 0; --i)')");
  // `i != hi` stepping by 1 from lo is `i < hi` for every loop that ends:
  // a signed counter starting above hi would overflow before reaching it
  // (undefined behaviour), so lo <= hi, and then both stop at i == hi. An
  // unsigned counter wraps around and may end from above: not accepted.
  if (op == cl::BO_NE && (step != 1 || isUnsigned))
    return reject("'i != hi' is accepted with a signed counter stepping by ++i only (write 'i < hi')");

  int origin = addOrigin(loop, "for (" + sourceText(init) + " " + sourceText(loop->getCond()) + "; " +
                                   sourceText(inc) + ")");
  auto type = scalarType(counter->getType());
  ExprRef lo = lowerPassive(counter->getInit());
  ExprRef hi = lowerPassive(cond->getRHS());
  if (!lo || !hi) return;
  auto plusOne = [&](const ExprRef& e) { return addOne(e, *type); };
  if (op == cl::BO_LE) hi = plusOne(hi);
  if (down) {
    // A loop counting down from `start` to `lo`: the same values as the
    // counted loop over [lo, start + 1), run last first (ir::Stmt::descending).
    ExprRef start = lo;
    lo = op == cl::BO_GT ? plusOne(hi) : hi;
    hi = plusOne(start);
    step = 1;
  }

  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = origin;
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar(counter->getNameAsString(), *type, VarRole::Local);
  currentLoop_ = outer;
  vars_[counter] = st.dst;
  fixedVars_.insert(st.dst);  // a view offset may read it (lower/Views.cpp)
  st.args = {lo, hi, constant(static_cast<double>(step), *type, std::to_string(step))};
  st.descending = down;
  lowerCountedLoop(std::move(st), loop->getBody(), stop, LoopForm::For, out);
}

void Lowerer::lowerWhile(const cl::Stmt* loop, const cl::Expr* cond, const cl::Stmt* body, LoopForm form,
                         Block& out) {
  std::optional<long> trips = maxTrips(body, env_.ast);
  if (!trips) {
    env_.diags.report(loop->getBeginLoc(), Diag::UnsupportedStmt,
                      {std::string("a '") + (form == LoopForm::Do ? "do" : "while") +
                       "' loop without 'GRADC_MAX_TRIPS(n);' as the first statement of its body (the "
                       "reverse sweep keeps storage for every trip; or write 'for (int i = 0; i < n && "
                       "cond; ++i)')"});
    failed_ = true;
    return;
  }
  std::string head = form == LoopForm::Do ? "do ... while (" : "while (";
  Stmt st;
  st.kind = StmtKind::For;
  st.loopId = loopCount_++;
  st.origin = addOrigin(loop, head + sourceText(cond) + ")");
  Type intType = Type::integer("int");
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  st.dst = newVar("trip", intType, VarRole::Temp);
  currentLoop_ = outer;
  st.args = {constant(0, intType, "0"), constant(static_cast<double>(*trips), intType, std::to_string(*trips)),
             constant(1, intType, "1")};
  VarId running = lowerCountedLoop(std::move(st), body, cond, form, out);
  if (failed_) return;
  // Still running after n trips: the source would go on, so the computed
  // value is not the function's. Give up (NaN, no gradient) rather than be wrong.
  int origin = addOrigin(loop, head + sourceText(cond) + ") ran more than " + std::to_string(*trips) +
                                   " trips (GRADC_MAX_TRIPS)");
  ExprRef more = lowerPassive(cond);
  if (!more) return;
  VarId overrun = newVar("overrun", Type::boolean(), VarRole::Temp);
  out.push_back(assign(overrun, binary(Op::LAnd, fn_.ref(running), more, Type::boolean()), origin));
  defined_.insert(overrun);
  Stmt check;
  check.kind = StmtKind::If;
  check.value = fn_.ref(overrun);
  check.origin = origin;
  Stmt giveUp;
  giveUp.kind = StmtKind::Return;  // without a value: abandon (see ir::StmtKind::Return)
  giveUp.origin = origin;
  check.thenBlock.push_back(std::move(giveUp));
  out.push_back(std::move(check));
}

VarId Lowerer::lowerCountedLoop(Stmt st, const cl::Stmt* body, const cl::Expr* stop, LoopForm form, Block& out) {
  const Type boolType = Type::boolean();
  VarId running = kNoVar;
  if (stop || breaksOut(body) || containsReturn(body)) {
    running = newVar("running", boolType, VarRole::Local);
    out.push_back(assign(running, constant(1, boolType, "true"), st.origin));
    defined_.insert(running);
  }
  size_t mark = defined_.mark();
  int outer = currentLoop_;
  currentLoop_ = st.loopId;
  defined_.insert(st.dst);
  runningFlags_.push_back(running);
  Block* bodyOut = &st.thenBlock;
  Stmt guard;
  if (running != kNoVar) {
    // cond = running && stop (a do loop tests `stop` from its second trip on).
    ExprRef go = fn_.ref(running);
    if (stop) {
      ExprRef more = lowerPassive(stop);
      if (!more) return running;
      if (form == LoopForm::Do)
        more = binary(Op::LOr, binary(Op::Eq, fn_.ref(st.dst), constant(0, fn_.var(st.dst).type, "0"), boolType),
                      more, boolType);
      go = binary(Op::LAnd, go, more, boolType);
    }
    VarId c = newVar("cond", boolType, VarRole::Temp);
    st.thenBlock.push_back(assign(c, go, st.origin));
    if (stop) st.thenBlock.push_back(assign(running, fn_.ref(c), st.origin));
    defined_.insert(c);
    guard.kind = StmtKind::If;
    guard.value = fn_.ref(c);
    guard.origin = st.origin;
    bodyOut = &guard.thenBlock;
  }
  {
    // Like a function body: `continue`, `break` and `return` end a path, and
    // what follows them in the iteration moves into the paths that go on.
    std::vector<Range> endOfIteration;
    lowerBranch(body, &endOfIteration, *bodyOut);
  }
  if (running != kNoVar) st.thenBlock.push_back(std::move(guard));
  runningFlags_.pop_back();
  currentLoop_ = outer;
  for (VarId v : defined_.undo(mark))
    if (fn_.var(v).loop != st.loopId) defined_.insert(v);  // carried or outer: keeps its value
  if (failed_) return running;

  // The bounds are read again by the reverse sweep: nothing in the body may change them.
  std::vector<VarId> boundReads;
  collectReads(st.args[0], boundReads);
  collectReads(st.args[1], boundReads);
  bool changed = false;
  forEachStmt(st.thenBlock, [&](const Stmt& s) {
    if (s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate)
      changed = changed || std::count(boundReads.begin(), boundReads.end(), s.dst) || s.dst == st.dst;
  });
  if (changed) {
    env_.diags.report(body->getBeginLoc(), Diag::UnsupportedStmt,
                      {"a loop whose body changes its counter or a bound"});
    failed_ = true;
    return running;
  }
  out.push_back(std::move(st));
  return running;
}

}  // namespace gradc::lowering
