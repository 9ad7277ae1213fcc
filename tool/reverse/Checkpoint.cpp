// Loops under a storage budget (--storage-budget, GRADC_STORAGE_BUDGET):
// binomial checkpointing (docs/checkpointing.md, runtime/include/gradc/revolve.h).
//
// Why this shape: the schedule is Griewank's binomial one, driven online by
// gradc_revolve_split (pure integer arithmetic, no heap), so one fixed array
// of c states serves every trip count, a run-time one too. The forward
// sweep runs the loop primal only and keeps its entry state in slot 0; the
// reverse sweep is a plain loop over the steps, last first: restore the
// newest kept state, advance (primal only) to the step, keeping a state
// where the schedule says, then run the step again keeping its values (in
// scalars: one iteration's "tape" is registers) and reverse it.
#include "reverse/Checkpoint.h"

#include "reverse/Builder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <algorithm>
#include <functional>
#include <map>

namespace gradc {

namespace {

// What a checkpointed loop may hold: assignments, branches and inner loops.
// (Returns, effects and pullback calls would each need their own ordering
// under recomputation: not yet.)
std::string unsupportedIn(const ir::Block& b) {
  for (const ir::Stmt& s : b) {
    switch (s.kind) {
      case ir::StmtKind::Assign:
      case ir::StmtKind::Accumulate: break;
      case ir::StmtKind::If:
      case ir::StmtKind::For: {
        std::string why = unsupportedIn(s.thenBlock);
        if (why.empty()) why = unsupportedIn(s.elseBlock);
        if (!why.empty()) return why;
        break;
      }
      case ir::StmtKind::Return: return "returns from inside the loop";
      case ir::StmtKind::Effect: return "calls a function for its effects";
      case ir::StmtKind::PullbackCall: return "calls a marked function";
    }
  }
  return {};
}

// The arrays living outside a loop that a recomputation could read wrong
// after the forward sweep: with the scalars the loop carries, the state a
// checkpoint keeps. Exempt: an array each step writes one element of,
// `a[k]` (k the loop's counter, not in an inner loop), and reads only
// behind it, `a[k - c]`: an advance writes the same values again, and each
// step's reverse puts its element back. (Step p reading a[p] or a[p + 1]
// would find what later steps of the forward sweep wrote there.)
struct StateArray {
  ir::VarId array;
  bool perStep;  // written one element per step: the unbudgeted tape keeps one element a step
};
std::vector<StateArray> stateArraysOf(const ir::Stmt& loop, const ir::Function& fn, const std::set<int>& inner) {
  std::map<ir::VarId, bool> perStep, readAhead;
  std::vector<ir::VarId> order;
  auto behind = [&](const ir::ExprRef& index) {  // k - c, c >= 1
    if (!index || index->args.size() != 2 || index->args[0]->op != ir::Op::Var || index->args[0]->var != loop.dst)
      return false;
    std::optional<long> c = ir::integerConstant(index->args[1]);
    return c && ((index->op == ir::Op::Sub && *c >= 1) || (index->op == ir::Op::Add && *c <= -1));
  };
  auto own = [&](const ir::ExprRef& index) { return index && index->op == ir::Op::Var && index->var == loop.dst; };
  std::set<ir::VarId> writtenThisStep;  // a[k] written already, unconditionally: reading it reads this step's value
  std::function<void(const ir::Block&, bool, bool)> walk = [&](const ir::Block& b, bool inInner, bool always) {
    for (const ir::Stmt& st : b) {
      auto noteReads = [&](const ir::ExprRef& e) {
        ir::forEachArrayRead(fn, e, [&](ir::VarId a, const ir::ExprRef& index) {
          if (!behind(index) && !(own(index) && writtenThisStep.count(a))) readAhead[a] = true;
        });
      };
      noteReads(st.value);
      noteReads(st.index);
      for (const auto& arg : st.args) noteReads(arg);
      if (st.index && (st.kind == ir::StmtKind::Assign || st.kind == ir::StmtKind::Accumulate) &&
          !inner.count(fn.var(st.dst).loop)) {
        bool one = !inInner && own(st.index);
        auto [it, fresh] = perStep.emplace(st.dst, one);
        if (fresh) order.push_back(st.dst);
        it->second = it->second && one;
        if (one && always && st.kind == ir::StmtKind::Assign) writtenThisStep.insert(st.dst);
      }
      walk(st.thenBlock, inInner || st.kind == ir::StmtKind::For, false);
      walk(st.elseBlock, inInner, false);
    }
  };
  walk(loop.thenBlock, false, true);
  std::vector<StateArray> arrays;
  for (ir::VarId a : order)
    if (!perStep[a] || readAhead[a]) arrays.push_back({a, perStep[a]});
  return arrays;
}

// The local ones among them: the caller's arrays cannot be kept.
std::vector<ir::VarId> localOnly(const std::vector<StateArray>& arrays, const ir::Function& fn) {
  std::vector<ir::VarId> local;
  for (const StateArray& a : arrays)
    if (!fn.var(a.array).isPointer) local.push_back(a.array);
  return local;
}

}  // namespace

std::optional<long> storageBudgetOf(const clang::FunctionDecl* fd, const clang::ASTContext& ast) {
  const auto* body = fd ? llvm::dyn_cast_or_null<clang::CompoundStmt>(fd->getBody()) : nullptr;
  if (!body) return std::nullopt;
  for (const clang::Stmt* s : body->body()) {
    const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s);
    const auto* sa =
        decl && decl->isSingleDecl() ? llvm::dyn_cast<clang::StaticAssertDecl>(decl->getSingleDecl()) : nullptr;
    const auto* msg = sa ? llvm::dyn_cast_or_null<clang::StringLiteral>(sa->getMessage()) : nullptr;
    if (!msg || msg->getString() != "gradc.storage_budget") continue;
    const auto* gt = llvm::dyn_cast<clang::BinaryOperator>(sa->getAssertExpr()->IgnoreParenImpCasts());
    clang::Expr::EvalResult r;
    if (gt && gt->getLHS()->EvaluateAsInt(r, ast)) return r.Val.getInt().getExtValue();
  }
  return std::nullopt;
}

bool withinStorageBudget(const ir::Function& fn, long budget, const clang::FunctionDecl* fd, Diagnostics& diags) {
  if (budget <= 0) return true;
  std::set<ir::VarId> used;
  auto note = [&](const ir::ExprRef& e) {
    ir::forEachExpr(e, [&](const ir::Expr& x) {
      if (x.op == ir::Op::Var || x.op == ir::Op::Load) used.insert(x.var);
    });
  };
  ir::forEachStmt(fn.body, [&](const ir::Stmt& s) {
    if (s.dst != ir::kNoVar) used.insert(s.dst);
    note(s.value);
    note(s.index);
    for (const auto& a : s.args) note(a);
  });
  long bytes = 0;
  const ir::Var* unbounded = nullptr;
  const ir::Var* largest = nullptr;
  for (ir::VarId v : used) {
    const ir::Var& var = fn.var(v);
    if (var.role != ir::VarRole::Saved || !var.isArray() || var.isPointer) continue;
    long count = var.arraySize;
    if (var.arraySize == ir::kRuntimeSize) {
      count = -1;
      for (const auto& [tape, n] : fn.runtimeTapes)
        if (tape == v) count = ir::integerConstant(n).value_or(-1);
    }
    if (count < 0) {
      unbounded = &var;
      continue;
    }
    bytes += count * ir::bytesOf(var.type);
    if (!largest || count * ir::bytesOf(var.type) > largest->arraySize * ir::bytesOf(largest->type)) largest = &var;
  }
  if (!unbounded && bytes <= budget) return true;
  const ir::Var* culprit = unbounded ? unbounded : largest;
  clang::SourceLocation loc = fd->getLocation();
  if (culprit && culprit->origin >= 0)
    if (const auto* st = static_cast<const clang::Stmt*>(fn.origins[static_cast<size_t>(culprit->origin)].clangStmt))
      loc = st->getBeginLoc();
  std::string what = culprit && culprit->primal != ir::kNoVar ? fn.var(culprit->primal).name : "values";
  diags.report(loc, Diag::StorageBudgetExceeded,
               {std::to_string(budget), unbounded ? "as many values as the loop runs iterations"
                                                  : std::to_string(bytes) + " bytes",
                what});
  return false;
}

namespace reversal {

bool ReverseBuilder::sweepCheckpointed(const Stmt& loop, Block& fwd, Block& r) {
  if (env_.storageBudget <= 0) return false;
  // A loop in a loop is checkpointed only within a checkpointed loop's
  // iteration (nested checkpointing); elsewhere the final check rejects its storage.
  const bool nested = !loops_.empty();
  if (nested && !std::all_of(loops_.begin(), loops_.end(), [](const LoopFrame& f) { return f.oneIteration; }))
    return false;
  // What keeps values per iteration, so must be checkpointed (or fit): a
  // loop carrying more than running sums, or writing over an array.
  auto keepsState = [&](const Stmt& l) {
    return (!carriedBy(l).empty() && !jointCarried(l)) || !localOnly(stateArraysOf(l, src_, loopsWithin(l)), src_).empty();
  };
  if (!keepsState(loop)) return false;
  // Every such top-level loop keeps its states until its reverse sweep runs:
  // they share the budget evenly.
  long sharing = 0;
  std::function<void(const Block&)> count = [&](const Block& b) {
    for (const Stmt& s : b) {
      if (s.kind == StmtKind::For) sharing += keepsState(s) ? 1 : 0;
      if (s.kind == StmtKind::If) {
        count(s.thenBlock);
        count(s.elseBlock);
      }
    }
  };
  count(nested ? *checkpointedBody_ : src_.body);
  sharing = std::max(1L, sharing);
  const long available = nested ? nestedBudget_ : env_.storageBudget;
  const long budget = available / sharing;
  const std::string budgetText = std::to_string(budget) + " bytes" +
                                 (sharing > 1 ? " (" + std::to_string(available) + " shared by " +
                                                    std::to_string(sharing) + " loops)"
                                              : "") +
                                 (nested ? " (half of the enclosing loop's)" : "");
  const std::vector<VarId> carried = carriedBy(loop);
  const std::vector<StateArray> written = stateArraysOf(loop, src_, loopsWithin(loop));
  const std::vector<VarId> arrays = localOnly(written, src_);
  auto lo = throughCopies(loop.args[0]), hi = throughCopies(loop.args[1]), step = throughCopies(loop.args[2]);
  auto clo = integerConstant(lo), chi = integerConstant(hi), cstep = integerConstant(step);
  long trip = clo && chi && cstep ? std::max(0L, (*chi - *clo + *cstep - 1) / *cstep) : -1;
  long stateBytes = 0, tapeBytes = 0;  // a slot's; what the unbudgeted tape keeps a step (about)
  for (VarId v : carried) stateBytes += bytesOf(src_.var(v).type);
  tapeBytes = stateBytes;
  for (const StateArray& a : written) {
    const Var& v = src_.var(a.array);
    if (!v.isPointer) stateBytes += v.arraySize * bytesOf(v.type);
    tapeBytes += (a.perStep ? 1 : std::max(1L, v.arraySize)) * bytesOf(v.type);
  }
  // (In a checkpointed iteration, sweepLoop sizes a run-time trip count by the arrays its counter indexes.)
  const long tapeTrip = trip < 0 && nested ? tripBoundFromExtents(loop) : trip;
  if (tapeTrip >= 0 && tapeTrip * tapeBytes <= budget) return false;  // the tape fits

  const Type counterType = src_.var(loop.dst).type;
  const auto* where = static_cast<const clang::Stmt*>(src_.origins[static_cast<size_t>(loop.origin)].clangStmt);
  auto refuse = [&](const std::string& why) {
    env_.diags.report(where->getBeginLoc(), Diag::StorageBudgetLoop,
                      {budgetText, std::to_string(trip >= 0 ? trip * tapeBytes : -1), why});
    failed_ = true;
    return true;
  };
  std::string why = unsupportedIn(loop.thenBlock);
  for (const StateArray& a : written)
    if (why.empty() && src_.var(a.array).isPointer)
      why = "writes the caller's array '" + src_.var(a.array).name +
            "' other than one element a step read only by later steps (write the state to a local array and "
            "copy it out after the loop)";
  if (why.empty() && (loop.descending || !cstep || *cstep != 1)) why = "does not count up by one";
  if (why.empty() && counterType.kind != TypeKind::Int) why = "has a counter that is not an integer";
  if (!why.empty()) return refuse(why);

  // The reverse iteration: the step's values again, kept for one iteration
  // (its inner loops' tapes, the elements it writes over), then its reverse.
  loops_.push_back({loop.loopId, loop.origin, loop.dst, lo, step, trip, tripCount(lo, hi, step, trip), true});
  const size_t varsBefore = out_.vars.size();
  Block body, rbody;
  // Its inner loops may checkpoint within half of the budget (nested checkpointing).
  const long outerNestedBudget = nestedBudget_;
  const Block* outerBody = checkpointedBody_;
  nestedBudget_ = budget / 2;
  checkpointedBody_ = &loop.thenBlock;
  sweep(loop.thenBlock, body, rbody);
  nestedBudget_ = outerNestedBudget;
  checkpointedBody_ = outerBody;
  loops_.pop_back();
  long iterationBytes = 0;
  for (size_t v = varsBefore; v < out_.vars.size(); ++v) {
    const Var& var = out_.vars[v];
    if (var.role != VarRole::Saved || !var.isArray()) continue;
    long n = var.arraySize;
    for (const auto& [tape, count] : out_.runtimeTapes)
      if (tape == static_cast<VarId>(v)) n = integerConstant(count).value_or(-1);
    if (n < 0)
      return refuse("keeps '" + (var.primal != kNoVar ? out_.var(var.primal).name : var.name) +
                    "' for each trip of an inner loop whose trip count is known only at run time (index a "
                    "fixed-size local array by its counter, or give it a constant bound)");
    iterationBytes += n * ir::bytesOf(var.type);
  }

  // c slots of the state, plus each slot's step number, beside one
  // iteration's values.
  const long slotBytes = stateBytes + bytesOf(counterType);
  long slots = (budget - iterationBytes) / slotBytes;
  if (slots < 1) {
    env_.diags.report(where->getBeginLoc(), Diag::StorageBudgetTooSmall,
                      {budgetText, std::to_string(slotBytes + iterationBytes),
                       src_.var(carried.empty() ? arrays.front() : carried.front()).name});
    failed_ = true;
    return true;
  }
  if (trip >= 0) slots = std::min(slots, std::max(1L, trip));

  const Type intType = Type::integer("int");
  auto num = [](long v, const Type& t) { return constant(static_cast<double>(v), t, std::to_string(v)); };
  // The comments say what the code does (emit prints an origin's text).
  auto originSaying = [&](const std::string& text) {
    Origin o = src_.origins[static_cast<size_t>(loop.origin)];
    o.text = text;
    out_.origins.push_back(o);
    return static_cast<int>(out_.origins.size() - 1);
  };
  const std::string slotsText = std::to_string(slots);
  std::string planText = "checkpointed: " + slotsText + " slots of " + std::to_string(slotBytes) + " bytes in " + budgetText;
  if (planText.size() + 18 <= 90) planText += " (gradc/revolve.h)";
  const int plan = originSaying(planText);
  const int keeping = originSaying("keep the state at the steps gradc_revolve_split chooses");
  const int bound = originSaying("restore the newest kept state (steps run again: about gradc_revolve_advances(n, " +
                                 slotsText + "))");
  const int advancing = originSaying("advance from the newest kept state, keeping states where the schedule says");

  auto element = [&](VarId array, const ExprRef& index, ExprRef value, int origin) {
    Stmt s = assign(array, std::move(value), origin);
    s.index = index;
    return s;
  };
  auto isZero = [](const ExprRef& e) { return integerConstant(e) == std::optional<long>(0); };
  auto slotArray = [&](const std::string& name, const Type& type, VarId primal, long per) {
    VarId a = out_.addVar(Var{});
    Var& v = out_.var(a);
    v.name = name;
    v.type = type;
    v.role = VarRole::Saved;
    v.arraySize = kRuntimeSize;  // in the work buffer: f_grad_work_bytes reports it
    v.origin = loop.origin;
    v.primal = primal;
    out_.runtimeTapes.push_back({a, num(slots * per, intType)});
    return a;
  };
  const VarId at = slotArray(src_.var(loop.dst).name + "_kept_at", counterType, loop.dst, 1);
  std::vector<VarId> kept, keptArrays;
  for (VarId v : carried) kept.push_back(slotArray(src_.var(v).name + "_kept", src_.var(v).type, v, 1));
  for (VarId a : arrays)
    keptArrays.push_back(slotArray(src_.var(a).name + "_kept", src_.var(a).type, a, src_.var(a).arraySize));
  const VarId top = newVar("kept_top", intType, VarRole::Local);
  // The state into slot `at` (or back from it, restoring).
  auto copyState = [&](const ExprRef& slot, bool restoring, int origin) {
    Block copies;
    for (size_t k = 0; k < carried.size(); ++k)
      copies.push_back(restoring ? assign(carried[k], ir::load(kept[k], slot, src_.var(carried[k]).type), origin)
                                 : element(kept[k], slot, out_.ref(carried[k]), origin));
    for (size_t k = 0; k < arrays.size(); ++k) {
      const long n = src_.var(arrays[k]).arraySize;
      ExprRef base = isZero(slot) ? slot : binary(Op::Mul, slot, num(n, intType), intType);
      ExprRef zero = num(0, intType);
      copies.push_back(restoring ? copyLoop(arrays[k], keptArrays[k], n, zero, base, origin)
                                 : copyLoop(keptArrays[k], arrays[k], n, base, zero, origin));
    }
    return copies;
  };

  auto callee = std::make_shared<Callee>();
  callee->spelling = "gradc_revolve_split";
  callee->noRule = true;
  // next = j + gradc_revolve_split(end - j, slots - 1 - top): where to keep
  // the next state when the steps before `end` are to be reversed.
  auto nextShot = [&](VarId next, const ExprRef& j, const ExprRef& end, int origin) {
    ExprRef left = isZero(j) ? end : binary(Op::Sub, end, j, counterType);
    if (counterType != intType) left = cast(left, intType, false);  // (a longer run only keeps fewer states)
    ExprRef free = binary(Op::Sub, num(slots - 1, intType), out_.ref(top), intType);
    ExprRef split = call(callee, {left, free}, intType);
    return assign(next, isZero(j) ? split : binary(Op::Add, j, split, counterType), origin);
  };
  // if (j == next) { keep the state in the next slot; next = ... }
  auto shotAt = [&](VarId next, const ExprRef& j, const ExprRef& end, int origin) {
    Stmt shot;
    shot.kind = StmtKind::If;
    shot.value = binary(Op::Eq, j, out_.ref(next), Type::boolean());
    shot.origin = origin;
    shot.thenBlock.push_back(assign(top, binary(Op::Add, out_.ref(top), num(1, intType), intType), origin));
    shot.thenBlock.push_back(element(at, out_.ref(top), j, origin));
    for (Stmt& c : copyState(out_.ref(top), false, origin)) shot.thenBlock.push_back(std::move(c));
    shot.thenBlock.push_back(nextShot(next, j, end, origin));
    return shot;
  };
  auto markReverse = [](Block& b) {
    std::function<void(Block&)> walk = [&](Block& blk) {
      for (Stmt& s : blk) {
        s.reverse = true;
        s.recompute = true;
        walk(s.thenBlock);
        walk(s.elseBlock);
      }
    };
    walk(b);
  };

  // Forward: the loop primal only, its entry state in slot 0 and the states
  // the schedule keeps on the way to the last step (the advance the reverse
  // sweep's first step would otherwise run).
  const VarId forwardNext = newVar(src_.var(loop.dst).name + "_next", counterType, VarRole::Local);
  fwd.push_back(assign(top, num(0, intType), plan));
  fwd.push_back(element(at, num(0, intType), lo, plan));
  for (Stmt& c : copyState(num(0, intType), false, plan)) fwd.push_back(std::move(c));
  fwd.push_back(nextShot(forwardNext, loop.args[0], loop.args[1], plan));
  Stmt f = loop;
  f.thenBlock.insert(f.thenBlock.begin(), shotAt(forwardNext, out_.ref(loop.dst), loop.args[1], keeping));
  fwd.push_back(f);

  // The reverse iteration: restore, advance, the step's values again, then its reverse.
  loops_.push_back({loop.loopId, loop.origin, loop.dst, lo, step, trip, tripCount(lo, hi, step, trip), true});
  const VarId from = newVar(src_.var(loop.dst).name + "_from", counterType, VarRole::Local);
  const VarId next = newVar(src_.var(loop.dst).name + "_next", counterType, VarRole::Local);
  loops_.pop_back();
  const ExprRef i = out_.ref(loop.dst);
  const ExprRef afterI = binary(Op::Add, i, num(1, counterType), counterType);

  // The advance loop: the body again, on its own copies of the iteration's locals.
  const int advanceId = freshLoopId();
  Block advanceBlock = {loop};
  const size_t before = out_.vars.size();
  renameLocals(advanceBlock, loopsWithin(loop));
  for (size_t v = before; v < out_.vars.size(); ++v)
    if (out_.vars[v].loop == loop.loopId) out_.vars[v].loop = advanceId;
  Stmt advance = std::move(advanceBlock[0]);
  advance.loopId = advanceId;
  advance.origin = advancing;
  advance.args = {out_.ref(from), i, num(1, counterType)};
  // (Its statements' comments on origins of their own: emit then comments the
  // reverse statements after it too, which share the source's origins.)
  std::map<int, int> copied;
  std::function<void(Block&)> recomment = [&](Block& blk) {
    for (Stmt& st : blk) {
      if (st.origin >= 0) {
        auto [it, fresh] = copied.emplace(st.origin, 0);
        if (fresh) {
          out_.origins.push_back(out_.origins[static_cast<size_t>(st.origin)]);
          it->second = static_cast<int>(out_.origins.size() - 1);
        }
        st.origin = it->second;
      }
      recomment(st.thenBlock);
      recomment(st.elseBlock);
    }
  };
  recomment(advance.thenBlock);
  advance.thenBlock.insert(advance.thenBlock.begin(), shotAt(next, out_.ref(advance.dst), afterI, advancing));
  markReverse(advance.thenBlock);

  Stmt b = loop;
  b.reverse = true;
  b.descending = !loop.descending;
  b.thenBlock.clear();
  b.thenBlock.push_back(assign(from, ir::load(at, out_.ref(top), counterType), bound));
  for (Stmt& c : copyState(out_.ref(top), true, bound)) b.thenBlock.push_back(std::move(c));
  b.thenBlock.push_back(nextShot(next, out_.ref(from), afterI, bound));
  b.thenBlock.push_back(std::move(advance));
  markReverse(b.thenBlock);
  markReverse(body);  // the forward iteration as the sweep built it: its writes and its tapes
  for (auto& st : body) b.thenBlock.push_back(std::move(st));
  for (auto& st : rbody) b.thenBlock.push_back(std::move(st));
  // The slot of this step is free once it is reversed.
  Stmt pop;
  pop.kind = StmtKind::If;
  pop.value = binary(Op::Eq, ir::load(at, out_.ref(top), counterType), i, Type::boolean());
  const int freeing = originSaying("a kept state is free once its step is reversed");
  pop.origin = freeing;
  pop.reverse = true;
  pop.thenBlock.push_back(assign(top, binary(Op::Sub, out_.ref(top), num(1, intType), intType), freeing));
  pop.thenBlock.back().reverse = true;
  b.thenBlock.push_back(std::move(pop));

  Block reversed = {std::move(b)};
  std::set<int> inner = loopsWithin(loop);
  inner.insert(advanceId);
  renameLocals(reversed, inner);  // the counter too
  r.push_back(std::move(reversed[0]));
  return true;
}

int ReverseBuilder::freshLoopId() {
  int id = 0;
  forEachStmt(src_.body, [&](const Stmt& s) { id = std::max(id, s.loopId + 1); });
  return id + checkpointedLoops_++;
}

Stmt ReverseBuilder::copyLoop(VarId to, VarId from, long n, const ExprRef& toAt, const ExprRef& fromAt, int origin) {
  const Type intType = Type::integer("int");
  auto isZero = [](const ExprRef& e) { return integerConstant(e) == std::optional<long>(0); };
  Stmt loop;
  loop.kind = StmtKind::For;
  loop.loopId = freshLoopId();
  loop.origin = origin;
  loop.dst = newVar("e", intType, VarRole::Local);
  out_.var(loop.dst).loop = loop.loopId;
  loop.args = {constant(0, intType, "0"), constant(static_cast<double>(n), intType, std::to_string(n)),
               constant(1, intType, "1")};
  auto at = [&](const ExprRef& base) { return isZero(base) ? out_.ref(loop.dst) : binary(Op::Add, base, out_.ref(loop.dst), intType); };
  Stmt copy = assign(to, load(from, at(fromAt), out_.var(from).type), origin);
  copy.index = at(toAt);
  loop.thenBlock.push_back(std::move(copy));
  return loop;
}

}  // namespace reversal
}  // namespace gradc
