// Loops in the reverse sweep: tapes of carried values, the recomputation of
// an iteration's values, and elements overwritten in place (see Builder.h).
#include "reverse/Builder.h"

#include "lower/Lower.h"

#include <algorithm>
#include <functional>

namespace gradc::reversal {

namespace {

// A call to a derivative rule that costs more than a load to redo: anything
// but the piecewise-linear ones.
bool isCostlyCall(const ExprRef& e) {
  if (e->op != Op::Call || !e->callee->rule) return false;
  static const char* const cheap[] = {"fabs",  "abs",   "fmin", "fmax", "min",      "max",      "floor",
                                      "ceil",  "round", "trunc", "rint", "nearbyint", "copysign", "fdim", "fma"};
  std::string name = e->callee->spelling;
  name = name.substr(name.rfind(':') == std::string::npos ? 0 : name.rfind(':') + 1);
  if (!name.empty() && name.back() == 'f' && name != "erf") name.pop_back();  // expf, fabsf
  return std::none_of(std::begin(cheap), std::end(cheap), [&](const char* c) { return name == c; });
}

}  // namespace

void ReverseBuilder::renameLocals(Block& block, const std::set<int>& inner) {
  std::vector<VarId> to(out_.vars.size(), kNoVar);
  for (size_t v = 0; v < to.size(); ++v) {
    if (!inner.count(out_.vars[v].loop)) continue;
    Var copy = out_.vars[v];
    to[v] = out_.addVar(copy);
  }
  renameVars(block, to, out_);
}

VarId ReverseBuilder::newTape(const std::string& name, VarId of, const Slot& slot, int origin) {
  // Up to kMaxAutomaticBytes on the stack; more, or a length known only at
  // run time, in the caller's work buffer.
  constexpr long kMaxAutomaticBytes = 64 * 1024;
  const Type type = out_.var(of).type;  // a copy: newVar grows the table
  VarId tape = newVar(name, type, VarRole::Saved);
  long bytes = slot.size * (type.kind == TypeKind::Float ? 4 : 8);
  bool automatic = slot.size >= 0 && bytes <= kMaxAutomaticBytes;
  if (slot.index) {
    out_.var(tape).arraySize = automatic ? slot.size : kRuntimeSize;
    if (!automatic) out_.runtimeTapes.push_back({tape, slot.count});
  }
  out_.var(tape).loop = -1;  // shared by the forward and the reverse loop
  out_.var(tape).origin = origin;
  out_.var(tape).primal = of;
  return tape;
}

void ReverseBuilder::sweepElementOverwrite(const Stmt& s, Block& fwd, Block& r) {
  const Var a = out_.var(s.dst);  // a copy: newVar grows the table
  ExprRef old;
  if (loops_.empty()) {
    VarId saved = newVar(a.name + "_old", a.type, VarRole::Saved);
    fwd.push_back(assign(saved, load(s.dst, s.index, a.type), s.origin));
    old = out_.ref(saved);
  } else {
    Slot slot = tapeSlot();
    VarId tape = newTape(a.name + "_tape", s.dst, slot, loops_.back().origin);
    fwd.push_back(storeSlot(tape, load(s.dst, s.index, a.type), slot, s.origin));
    elementTapes_.insert(tape);
    old = loadSlot(tape, slot);
    // (An array of the loop's iterations is a new one each time: nothing to put back.)
    if (branchSaves_ && a.loop != loops_.back().id) {
      VarId before = newTape(a.name + "_before_if", s.dst, slot, loops_.back().origin);
      branchSaves_->push_back(storeSlot(before, load(s.dst, s.index, a.type), slot, s.origin));
      elementTapes_.insert(before);
      beforeBranch_[&s] = loadSlot(before, slot);
    }
  }
  fwd.push_back(s);
  reverseElementWrite(s, r);
  Stmt restore = assign(s.dst, old, s.origin);
  restore.index = s.index;
  emit(r, std::move(restore));
  oldElement_[&s] = old;
}

Block ReverseBuilder::undo(const Block& block, bool inBranch) const {
  Block out;
  for (auto it = block.rbegin(); it != block.rend(); ++it) {
    if (it->index && it->overwrites) {
      // Under an `if`: the element before the `if`, whether the branch ran or not.
      auto before = beforeBranch_.find(&*it);
      if (inBranch && before == beforeBranch_.end()) continue;  // (an array of the iteration)
      Stmt u = assign(it->dst, inBranch ? before->second : oldElement_.at(&*it), it->origin);
      u.index = it->index;
      u.reverse = u.recompute = true;
      out.push_back(std::move(u));
    } else if (it->kind == StmtKind::If) {
      for (const Block* b : {&it->thenBlock, &it->elseBlock})
        for (Stmt& u : undo(*b, true)) out.push_back(std::move(u));
    } else if (it->kind == StmtKind::For && !inBranch) {
      // (analyses/Overwrites rejects overwrites in a loop under an `if` in a loop)
      Stmt u = *it;
      u.thenBlock = undo(it->thenBlock);
      u.reverse = u.recompute = true;
      u.descending = !it->descending;  // last first, whichever way the source counts
      if (!u.thenBlock.empty()) out.push_back(std::move(u));
    }
  }
  return out;
}

Block ReverseBuilder::derivedCounters(const Stmt& loop, Block& recomputed) const {
  std::set<VarId> assigned;
  forEachStmt(loop.thenBlock, [&](const Stmt& s) {
    if (s.kind != StmtKind::If && s.dst != kNoVar) assigned.insert(s.dst);
  });
  Block out;
  for (const Stmt* s : ir::derivedCounters(loop, loop.thenBlock, assigned)) {
    Stmt c = *s;
    c.reverse = c.recompute = true;
    auto again = std::find_if(recomputed.begin(), recomputed.end(), [&](const Stmt& t) {
      return t.kind == StmtKind::Assign && t.dst == s->dst && !t.index && sameExpr(t.value, s->value);
    });
    if (again != recomputed.end()) {
      c = *again;
      recomputed.erase(again);
    }
    out.push_back(std::move(c));
  }
  return out;
}

ReverseBuilder::Slot ReverseBuilder::tapeSlot() const {
  Type intType = Type::integer("int");
  ExprRef slot, count;
  long size = 1;
  bool checkpointed = false;
  for (const LoopFrame& f : loops_) {
    checkpointed = checkpointed || f.oneIteration;
    if (f.oneIteration || f.jointed) continue;
    ExprRef k = out_.ref(f.counter);
    if (!(f.lo->op == Op::Const && f.lo->number == 0)) k = binary(Op::Sub, k, f.lo, intType);
    if (!(f.step->op == Op::Const && f.step->number == 1)) k = binary(Op::Div, k, f.step, intType);
    slot = slot ? binary(Op::Add, binary(Op::Mul, slot, f.tripExpr, intType), k, intType) : k;
    count = count ? binary(Op::Mul, count, f.tripExpr, intType) : f.tripExpr;
    size = (size < 0 || f.trip < 0) ? -1 : size * f.trip;
  }
  if (!slot && checkpointed) {  // only a checkpointed loop around: one iteration's values, one slot
    ExprRef zero = constant(0, intType, "0");
    return {zero, 1, constant(1, intType, "1")};
  }
  if (!slot && !loops_.empty()) return {nullptr, 1, constant(1, intType, "1")};  // only a jointed loop: a scalar
  return {slot, size, count};
}

Stmt ReverseBuilder::storeSlot(VarId tape, const ExprRef& value, const Slot& slot, int origin) const {
  Stmt store = assign(tape, value, origin);
  store.index = slot.index;
  return store;
}

ExprRef ReverseBuilder::loadSlot(VarId tape, const Slot& slot) const {
  return slot.index ? load(tape, slot.index, out_.var(tape).type) : out_.ref(tape);
}

ExprRef ReverseBuilder::throughCopies(const ExprRef& e) {
  if (!integerDefinitions_) {
    std::vector<int> writes(src_.vars.size(), 0);
    forEachStmt(src_.body, [&](const Stmt& s) {
      if ((s.kind == StmtKind::Assign || s.kind == StmtKind::Accumulate || s.kind == StmtKind::For) && s.dst != kNoVar)
        ++writes[static_cast<size_t>(s.dst)];
    });
    std::vector<ExprRef> defs(src_.vars.size());
    // In order, at any depth: a variable written once, from values nothing
    // writes, has that value wherever it is read (an inlined helper's `int n`
    // copied in a loop from a constant or an integer parameter).
    forEachStmt(src_.body, [&](const Stmt& s) {
      if (s.kind != StmtKind::Assign || s.index || writes[static_cast<size_t>(s.dst)] != 1) return;
      const Var& v = src_.var(s.dst);
      if (v.type.kind != TypeKind::Int || v.isArray() || v.role == VarRole::Param) return;
      std::vector<VarId> reads;
      collectReads(s.value, reads);
      if (std::all_of(reads.begin(), reads.end(), [&](VarId r) {
            const Var& rv = src_.var(r);
            return defs[static_cast<size_t>(r)] ||
                   (writes[static_cast<size_t>(r)] == 0 && !rv.isArray() && rv.type.kind == TypeKind::Int);
          }))
        defs[static_cast<size_t>(s.dst)] = substitute(s.value, defs);
    });
    integerDefinitions_ = std::move(defs);
  }
  return substitute(e, *integerDefinitions_);
}

ExprRef ReverseBuilder::tripCount(const ExprRef& lo, const ExprRef& hi, const ExprRef& step, long trip) {
  Type t = lo->type;
  if (trip >= 0) return constant(static_cast<double>(trip), t, std::to_string(trip));
  bool zero = lo->op == Op::Const && lo->number == 0, unit = step->op == Op::Const && step->number == 1;
  ExprRef span = zero ? hi : binary(Op::Sub, hi, lo, t);
  if (!unit) span = binary(Op::Div, binary(Op::Add, span, binary(Op::Sub, step, constant(1, t, "1"), t), t), step, t);
  return select(binary(Op::Gt, hi, lo, Type::boolean()), span, constant(0, t, "0"));
}

namespace {

// Whether e is affine in v: sums, differences and constant multiples.
bool affineIn(const ExprRef& e, VarId v) {
  switch (e->op) {
    case Op::Const: return true;
    case Op::Var: return true;
    case Op::Add:
    case Op::Sub: return affineIn(e->args[0], v) && affineIn(e->args[1], v);
    case Op::Neg: return affineIn(e->args[0], v);
    case Op::Mul: return affineIn(e->args[0], v) && affineIn(e->args[1], v) &&
                         (integerConstant(e->args[0]) || integerConstant(e->args[1]));
    default: return !reads(e, v);
  }
}

}  // namespace

ExprRef ReverseBuilder::boundedTrip(const ExprRef& trip, const ExprRef& lo, const ExprRef& hi) {
  // max(0, affine) over an interval peaks at one of its ends: take the larger.
  ExprRef bound = trip;
  for (auto f = loops_.rbegin(); f != loops_.rend(); ++f) {
    if (!reads(bound, f->counter)) continue;
    auto step = integerConstant(f->step);
    if (!step || *step <= 0 || !affineIn(lo, f->counter) || !affineIn(hi, f->counter)) return trip;
    Type t = f->lo->type;
    std::vector<ExprRef> first(out_.vars.size()), last(out_.vars.size());
    first[static_cast<size_t>(f->counter)] = f->lo;
    last[static_cast<size_t>(f->counter)] =
        binary(Op::Add, f->lo, binary(Op::Mul, binary(Op::Sub, f->tripExpr, constant(1, t, "1"), t), f->step, t), t);
    ExprRef a = substitute(bound, first), b = substitute(bound, last);
    bound = select(binary(Op::Gt, a, b, Type::boolean()), a, b);
  }
  return bound;
}

long ReverseBuilder::tripBoundFromExtents(const Stmt& loop) const {
  // A counter that indexes a fixed-size local array on every trip stays
  // within its extent (or the source's behaviour is undefined), and takes
  // each value once: the loop runs at most that many trips.
  long bound = -1;
  auto consider = [&](VarId a, const ExprRef& index) {
    const Var& v = out_.var(a);
    if (v.isPointer || v.arraySize < 0 || !index || index->op != Op::Var || index->var != loop.dst) return;
    bound = bound < 0 ? v.arraySize : std::min(bound, v.arraySize);
  };
  std::function<void(const ExprRef&)> reads = [&](const ExprRef& e) {
    if (!e || e->op == Op::Select || e->op == Op::LAnd || e->op == Op::LOr) return;  // maybe not evaluated
    if (e->op == Op::Load) consider(e->var, e->args[0]);
    for (const ExprRef& a : e->args) reads(a);
  };
  if (!integerConstant(loop.args[2]).value_or(0)) return -1;
  for (const Stmt& st : loop.thenBlock) {  // the top level: run on every trip
    if ((st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) && st.index) consider(st.dst, st.index);
    if (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) reads(st.value);
  }
  return bound;
}

std::set<int> ReverseBuilder::loopsWithin(const Stmt& loop) {
  std::set<int> inner = {loop.loopId};
  forEachStmt(loop.thenBlock, [&](const Stmt& st) {
    if (st.kind == StmtKind::For) inner.insert(st.loopId);
  });
  return inner;
}

std::vector<VarId> ReverseBuilder::carriedBy(const Stmt& loop) const {
  std::set<int> inner = loopsWithin(loop);
  std::vector<VarId> carried;
  forEachStmt(loop.thenBlock, [&](const Stmt& st) {
    if (st.kind != StmtKind::Assign || st.index || inner.count(out_.var(st.dst).loop)) return;
    if (!std::count(carried.begin(), carried.end(), st.dst)) carried.push_back(st.dst);
  });
  return carried;
}

std::set<const Stmt*> ReverseBuilder::replayedOverwrites(const Block& body, const Function& fn) {
  struct Access {
    const Stmt* stmt;
    ExprRef index;
    size_t order;
    std::vector<const Stmt*> loops;
  };
  std::map<VarId, std::vector<Access>> reads, writes;
  std::vector<const Stmt*> loops;
  size_t order = 0;
  std::function<void(const Block&)> walk = [&](const Block& b) {
    for (const Stmt& st : b) {
      size_t here = order++;
      auto note = [&](const ExprRef& e) {
        forEachArrayRead(fn, e, [&](VarId a, const ExprRef& index) { reads[a].push_back({&st, index, here, loops}); });
      };
      note(st.value);
      note(st.index);
      for (const auto& a : st.args) note(a);
      if (st.index && st.overwrites) writes[st.dst].push_back({&st, st.index, here, loops});
      if (st.kind == StmtKind::For) loops.push_back(&st);
      walk(st.thenBlock);
      walk(st.elseBlock);
      if (st.kind == StmtKind::For) loops.pop_back();
    }
  };
  walk(body);
  std::set<const Stmt*> out;
  for (const auto& [array, ws] : writes)
    for (const Access& w : ws)
      for (const Access& r : reads[array]) {
        bool later = r.order > w.order;
        bool sameLoop = !w.loops.empty() && std::count(r.loops.begin(), r.loops.end(), w.loops.back());
        if (later || (sameLoop && !(r.index && sameExpr(r.index, w.index)))) out.insert(w.stmt);
      }
  return out;
}

Block ReverseBuilder::recompute(const Block& body, const Function& fn, const std::set<int>& inner) const {
  return recompute(body, fn, inner, replayedOverwrites(body, fn));
}

Block ReverseBuilder::recompute(const Block& body, const Function& fn, const std::set<int>& inner, const std::set<const Stmt*>& replayed) const {
  // `t = f(...); ...; a[i] = t`: the element still holds t (element writes
  // are final), so the recomputation reads it instead of redoing f, and
  // what only fed f becomes dead (a dense layer's matvec, for tanh).
  std::map<VarId, ExprRef> stored;
  std::set<VarId> assignedHere;
  forEachStmt(body, [&](const Stmt& st) {
    if (st.kind == StmtKind::Assign || st.kind == StmtKind::Accumulate) assignedHere.insert(st.dst);
  });
  for (const Stmt& st : body) {
    if (st.kind != StmtKind::Assign || !st.index || fn.var(st.dst).role == VarRole::Saved) continue;
    if (overwrittenArrays_.count(st.dst)) continue;  // its elements change
    if (inner.count(fn.var(st.dst).loop)) continue;  // declared in the loop: the reverse loop's copy starts empty
    if (st.value->op != Op::Var || fn.var(st.value->var).role != VarRole::Temp) continue;
    size_t writes = 0;  // a later write to the same element would change it
    forEachStmt(src_.body, [&](const Stmt& w) { writes += w.index && w.dst == st.dst ? 1 : 0; });
    if (writes != 1) continue;
    std::vector<VarId> indexReads;
    collectReads(st.index, indexReads);
    bool stableIndex = std::none_of(indexReads.begin(), indexReads.end(), [&](VarId v) { return assignedHere.count(v) > 0; });
    if (stableIndex) stored[st.value->var] = load(st.dst, st.index, st.value->type);
  }
  Block out;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const Stmt& st = *it;
    // An inner loop's forward copy, recomputed by a loop around it: a call
    // whose result it kept (the store right after it) is a load of it too.
    auto next = std::next(it);
    if (st.kind == StmtKind::Assign && !st.index && next != body.end() && next->index &&
        keptTapes_.count(next->dst) && next->value->op == Op::Var && next->value->var == st.dst) {
      Stmt c = assign(st.dst, load(next->dst, next->index, out_.var(next->dst).type), st.origin);
      c.reverse = true;
      c.recompute = true;
      out.push_back(std::move(c));
      continue;
    }
    if (st.kind == StmtKind::For && checkpoints_.count(st.loopId)) {
      for (const Stmt& load : checkpoints_.at(st.loopId)) out.push_back(load);
      continue;
    }
    // Element writes: their values are in place, but overwrites are
    // replayed (undo() put the old values back), and so are writes to
    // arrays declared in the loop (the reverse loop has its own copy);
    // element tapes are full.
    if (st.index && !(replayed.count(&st) || fn.var(st.dst).role == VarRole::Saved || inner.count(fn.var(st.dst).loop)))
      continue;
    if (st.index && (elementTapes_.count(st.dst) || keptTapes_.count(st.dst))) continue;
    if (st.kind == StmtKind::Return) continue;  // the forward sweep already checked
    if (st.kind == StmtKind::Effect) continue;  // run once, by the forward sweep
    if (st.kind == StmtKind::Assign && !st.index && stored.count(st.dst)) {
      Stmt c = assign(st.dst, stored[st.dst], st.origin);
      c.reverse = true;
      c.recompute = true;
      out.push_back(std::move(c));
      continue;
    }
    if (keptCalls_.count(&st)) {
      out.push_back(keptCalls_.at(&st));
      continue;
    }
    Stmt c = st;
    c.reverse = true;
    c.recompute = true;
    c.thenBlock = recompute(st.thenBlock, fn, inner, replayed);
    c.elseBlock = recompute(st.elseBlock, fn, inner, replayed);
    out.push_back(std::move(c));
  }
  return out;
}

bool ReverseBuilder::onlyKeptInWork(const Function& cleaned) const {
  return std::all_of(cleaned.runtimeTapes.begin(), cleaned.runtimeTapes.end(),
                     [&](const auto& t) { return keptInWork_.count(t.first) > 0; });
}

bool ReverseBuilder::costlyIteration(const Stmt& loop) {
  bool costly = false;
  forEachStmt(loop.thenBlock, [&](const Stmt& st) {
    costly = costly || st.kind == StmtKind::For || (st.kind == StmtKind::Assign && isCostlyCall(st.value));
  });
  return costly;
}

bool ReverseBuilder::plannedJoint(const Stmt& loop) const {
  // As sweepLoop registers it below, and joinLoops joins it: decided from the
  // source loop alone, before its body is built.
  return loops_.empty() && topLevelLoops_.count(loop.loopId) && !split_.count(loop.loopId) &&
         costlyIteration(loop) && jointCarried(loop, true).has_value();
}

Block ReverseBuilder::withoutRestores(const Block& rbody, const std::vector<VarId>& carried) {
  Block out;
  for (const Stmt& st : rbody) {
    if (st.kind == StmtKind::Assign && !st.index && std::count(carried.begin(), carried.end(), st.dst)) continue;
    Stmt kept = st;
    if (st.kind == StmtKind::If) {
      kept.thenBlock = withoutRestores(st.thenBlock, carried);
      kept.elseBlock = withoutRestores(st.elseBlock, carried);
    }
    out.push_back(std::move(kept));
  }
  return out;
}

void ReverseBuilder::sweepLoop(const Stmt& loop, Block& fwd, Block& r) {
  // An `if` around this loop saves nothing of its iterations'.
  struct KeepBranchSaves {
    Block*& at;
    Block* was;
    ~KeepBranchSaves() { at = was; }
  } keepSaves{branchSaves_, branchSaves_};
  branchSaves_ = nullptr;
  if (sweepRunningExtremum(loop, fwd, r)) return;
  if (sweepCheckpointed(loop, fwd, r)) return;
  auto lo = throughCopies(loop.args[0]), hi = throughCopies(loop.args[1]), step = throughCopies(loop.args[2]);
  auto clo = integerConstant(lo), chi = integerConstant(hi), cstep = integerConstant(step);
  long trip = clo && chi && cstep ? std::max(0L, (*chi - *clo + *cstep - 1) / *cstep) : -1;
  // In a checkpointed loop one iteration's values must fit the budget: a
  // bound from the arrays the counter indexes gives them a size now.
  if (trip < 0 && std::any_of(loops_.begin(), loops_.end(), [](const LoopFrame& f) { return f.oneIteration; }))
    trip = tripBoundFromExtents(loop);
  const bool jointed = plannedJoint(loop);
  if (jointed) plannedJoints_.insert(loop.loopId);
  loops_.push_back({loop.loopId, loop.origin, loop.dst, lo, step, trip, boundedTrip(tripCount(lo, hi, step, trip), lo, hi)});
  loops_.back().jointed = jointed;
  const Slot tapeSlotOfIteration = tapeSlot();
  // Named copies, not structured bindings: lambdas below capture them (C++17).
  const ExprRef slot = tapeSlotOfIteration.index;
  const long size = tapeSlotOfIteration.size;

  const size_t tapesBefore = out_.runtimeTapes.size();
  Block tapeStores, restores;
  for (VarId v : carriedBy(loop)) {
    VarId tape = newTape(src_.var(v).name + "_tape", v, tapeSlotOfIteration, loop.origin);
    tapeStores.push_back(storeSlot(tape, out_.ref(v), tapeSlotOfIteration, loop.origin));
    Stmt restore = assign(v, loadSlot(tape, tapeSlotOfIteration), loop.origin);
    restore.reverse = true;
    restore.recompute = true;
    restores.push_back(restore);
  }
  Block body, rbody;
  sweep(loop.thenBlock, body, rbody);
  // Values this loop tapes per iteration in the caller's work buffer: its
  // carried state and the elements its body overwrites (not inner loops').
  long tapedInWork = 0;
  for (size_t k = tapesBefore; k < out_.runtimeTapes.size(); ++k)
    tapedInWork += slot && sameExpr(out_.runtimeTapes[k].second, tapeSlotOfIteration.count) ? 1 : 0;

  // What the reverse iteration would recompute at a cost is kept instead,
  // one value per iteration:
  //  - an inner loop that only computes this iteration's own values (a dot
  //    product feeding an activation) is not run again: its results are kept;
  //  - so are results of transcendental calls (exp, tanh, ...) the reverse
  //    sweep reads (what only the forward sweep reads becomes dead).
  // Where: an automatic array when its size is fixed now (all kept arrays of
  // the loop within kMaxKeptBytes); else in the caller's work buffer, but only
  // when the loop already tapes there (a run-time trip count: no buffer just
  // for this) and then at most kKeptPerTaped values per value it tapes, so the
  // buffer grows by a bounded factor (ADBench's LSTM cell: 2 elements taped, 5
  // calls kept, as the hand-written gradient keeps 8). Under a storage budget,
  // recomputing is the point (reverse/Checkpoint.cpp): nothing is kept.
  constexpr long kMaxKeptBytes = 64 * 1024;
  constexpr long kKeptPerTaped = 4;
  const bool automaticKept = size >= 0 && size * 8 <= kMaxKeptBytes;
  long keptBytes = 0, keptInWork = 0;
  auto keep = [&](VarId v, int origin, Block& fwd) {
    VarId kept = newTape(out_.var(v).name + "_kept", v, tapeSlotOfIteration, loop.origin);
    if (out_.var(kept).arraySize == kRuntimeSize) keptInWork_.insert(kept);
    if (automaticKept)
      keptBytes += size * 8;
    else
      ++keptInWork;
    keptTapes_.insert(kept);
    fwd.push_back(storeSlot(kept, out_.ref(v), tapeSlotOfIteration, origin));
    Stmt load = assign(v, loadSlot(kept, tapeSlotOfIteration), origin);
    load.reverse = true;
    load.recompute = true;
    return load;
  };
  auto affordable = [&](size_t values) {
    if (env_.storageBudget > 0) return false;
    if (automaticKept) return keptBytes + size * 8 * static_cast<long>(values) <= kMaxKeptBytes;
    return keepInWork_ && tapedInWork > 0 && keptInWork + static_cast<long>(values) <= kKeptPerTaped * tapedInWork;
  };
  // A call on values the loop does not change is evaluated once, before the
  // reverse loop (cleanup/Hoist.cpp): not worth a slot per iteration in the
  // buffer. Unchanged: what the body does not write, and its own temporaries
  // set once (at the top) from unchanged values, like a cast of a parameter.
  std::map<VarId, int> writes = {{loop.dst, 1}};
  forEachStmt(body, [&](const Stmt& w) {
    if (w.dst != kNoVar) ++writes[w.dst];
  });
  std::set<VarId> unchanged;
  auto varies = [&](const ExprRef& e) {
    std::vector<VarId> reads;
    collectReads(e, reads);
    return std::any_of(reads.begin(), reads.end(), [&](VarId v) { return writes.count(v) && !unchanged.count(v); });
  };
  for (const Stmt& st : body)
    if (st.kind == StmtKind::Assign && !st.index && writes[st.dst] == 1 && out_.var(st.dst).loop == loop.loopId &&
        !varies(st.value))
      unchanged.insert(st.dst);
  Block fwdBody;
  for (auto& st : body) {
    fwdBody.push_back(st);
    if (st.kind == StmtKind::Assign && !st.index && isCostlyCall(st.value) && out_.var(st.dst).loop == loop.loopId &&
        (automaticKept || varies(st.value)) && affordable(1)) {
      keptCalls_[&st] = keep(st.dst, st.origin, fwdBody);
      continue;
    }
    if (st.kind != StmtKind::For) continue;
    std::vector<VarId> results = carriedBy(st);
    bool ownValues = !results.empty() && std::all_of(results.begin(), results.end(), [&](VarId v) {
      return out_.var(v).loop == loop.loopId && !out_.var(v).isArray();
    });
    // (Not a loop that overwrites elements: recomputing replays those writes.
    // Nor one that fills an array declared in a loop around it: each reverse
    // iteration of that loop has a fresh copy, which only replaying fills.)
    const std::set<int> own = loopsWithin(st);
    forEachStmt(st.thenBlock, [&](const Stmt& w) {
      const int home = w.index ? out_.var(w.dst).loop : -1;
      ownValues = ownValues && !(w.index && w.overwrites) && (home == -1 || own.count(home));
    });
    if (!ownValues || !affordable(results.size())) continue;
    Block loads;
    for (VarId v : results) loads.push_back(keep(v, st.origin, fwdBody));
    checkpoints_[st.loopId] = loads;
  }
  loops_.pop_back();

  Stmt f = loop;
  f.thenBlock = tapeStores;
  for (auto& st : fwdBody) f.thenBlock.push_back(st);
  // Joined, an iteration's reverse reads its values in place: worth it when
  // recomputing them costs more than loads (an inner loop, exp, ...). A
  // plain reduction stays split: its reverse loop vectorizes on its own.
  if (!rbody.empty() && loops_.empty()) {
    if (std::optional<std::vector<VarId>> carried = jointCarried(loop, true)) {
      JointLoop joint{loop.loopId, withoutRestores(rbody, *carried), *carried, {}, costlyIteration(loop)};
      for (VarId v : *carried)
        if (act_.active(v)) joint.sumAdjoints.push_back(adjointOf(v));
      joints_.push_back(std::move(joint));
    }
  }
  if (!rbody.empty()) {
    Stmt b = loop;
    b.reverse = true;
    // Last first (recomputed inner loops keep the source's order: same rounding, same branches).
    b.descending = !loop.descending;
    Block undone = undo(loop.thenBlock), recomputed = recompute(body, out_, loopsWithin(loop));
    b.thenBlock = undone.empty() ? Block{} : derivedCounters(loop, recomputed);
    for (auto& st : restores) b.thenBlock.push_back(st);
    for (auto& st : undone) b.thenBlock.push_back(std::move(st));
    for (auto& st : recomputed) b.thenBlock.push_back(std::move(st));
    for (auto& st : rbody) b.thenBlock.push_back(std::move(st));
    Block reversed = {std::move(b)};
    renameLocals(reversed, loopsWithin(loop));  // the counter too
    r.push_back(std::move(reversed[0]));
  }
  fwd.push_back(std::move(f));
  // The keys are addresses in `body`, which dies here: a later statement
  // at a reused address must not find them.
  for (const Stmt& st : body) keptCalls_.erase(&st);
}

}  // namespace gradc::reversal
