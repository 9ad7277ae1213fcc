// Lowering of loops: counted `for` loops (counting up or down), `while` and
// `do` loops bounded by GRADC_MAX_TRIPS, and `return` inside a loop.
#include "lower/Lowerer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

#include <algorithm>
#include <optional>

namespace gradc::lowering {

namespace {

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
// and step must be known without running them (lower/CountedForms.cpp).
void Lowerer::lowerFor(const cl::ForStmt* loop, Block& out) {
  CountedForm f;
  std::string why = countedForm(loop->getInit(), loop->getCond(), loop->getInc(), loop->getBody(), f);
  if (!why.empty()) {
    env_.diags.report(loop->getForLoc(), Diag::UnsupportedStmt,
                      {"this loop (" + why + "; write 'for (int i = lo; i < hi; ++i)')"});
    failed_ = true;
    return;
  }
  lowerCountedForm(loop, f, out);
}

void Lowerer::lowerWhile(const cl::Stmt* loop, const cl::Expr* cond, const cl::Stmt* body, LoopForm form,
                         Block& out) {
  std::optional<long> trips = maxTrips(body, env_.ast);
  std::string counted;
  if (!trips) {
    // `int i = 0; while (i < n) { ...; ++i; }` is a counted loop, and so is
    // `do { ...; ++i; } while (i < n);`.
    CountedForm f;
    std::string why = countedForm(nullptr, cond, nullptr, body, f);
    f.atLeastOnce = form == LoopForm::Do && !f.skipFirst;
    if (why.empty()) return lowerCountedForm(loop, f, out);
    if (f.counter && f.step != 0) counted = "; it counts with '" + f.counter->getNameAsString() + "', but " + why;
  }
  if (!trips) {
    env_.diags.report(loop->getBeginLoc(), Diag::UnsupportedStmt,
                      {std::string("a '") + (form == LoopForm::Do ? "do" : "while") +
                       "' loop without 'GRADC_MAX_TRIPS(n);' as the first statement of its body (the "
                       "reverse sweep keeps storage for every trip; or write 'for (int i = 0; i < n && "
                       "cond; ++i)'" + counted + ")"});
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
  if (stop && form_ && form_->runtimeStep) {
    // `t < hi && t <= m`: the condition reads the counter, set from the trip first.
    for (Stmt& s : loopPrologue_) {
      defined_.insert(s.dst);
      st.thenBlock.push_back(std::move(s));
    }
    loopPrologue_.clear();
  }
  Stmt guard;
  if (running != kNoVar) {
    // cond = running && stop (a do loop tests `stop` from its second trip on).
    ExprRef go = fn_.ref(running);
    if (stop) {
      ExprRef more = lowerPassive(stop);
      if (!more) {
        runningFlags_.pop_back();  // (what follows is lowered outside this loop)
        currentLoop_ = outer;
        return running;
      }
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
    const CountedForm* f = form_;
    form_ = nullptr;  // (not the loops inside)
    bool savedBreak = breakLeavesSwitch_;
    breakLeavesSwitch_ = false;  // a `break` here leaves this loop
    if (!f) {
      lowerBranch(body, &endOfIteration, *bodyOut);
    } else {
      // Without what the head took over (a leading `if (c) break;`, the
      // final step); the second counters first, a for's other increment last.
      for (Stmt& s : loopPrologue_) {
        defined_.insert(s.dst);
        bodyOut->push_back(std::move(s));
      }
      loopPrologue_.clear();
      std::vector<cl::Stmt*> stmts;
      if (const auto* block = llvm::dyn_cast<cl::CompoundStmt>(body))
        stmts.assign(block->body_begin(), block->body_end());
      else
        stmts.push_back(const_cast<cl::Stmt*>(body));
      stmts.erase(std::remove_if(stmts.begin(), stmts.end(),
                                 [&](const cl::Stmt* s) { return s == f->skipFirst || s == f->stepStmt; }),
                  stmts.end());
      cl::Stmt* after[1] = {const_cast<cl::Expr*>(f->after)};
      if (f->after) endOfIteration.push_back(Range(after, after + 1));
      lowerSeq(Range(stmts.data(), stmts.data() + stmts.size()), &endOfIteration, *bodyOut);
    }
    breakLeavesSwitch_ = savedBreak;
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
