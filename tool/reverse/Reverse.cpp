#include "reverse/Reverse.h"

#include "analyses/Overwrites.h"
#include "lower/Lower.h"

#include "clang/AST/Stmt.h"

#include <cassert>
#include <functional>
#include <map>
#include <set>

namespace gradc {

using namespace ir;

namespace {

const char* operatorKey(Op op, size_t arity) {
  switch (op) {
    case Op::Add: return "operator+";
    case Op::Sub: return "operator-";
    case Op::Mul: return "operator*";
    case Op::Div: return "operator/";
    case Op::Neg: return arity == 1 ? "operator-" : nullptr;
    default: return nullptr;
  }
}

// Rebuilds a rule expression for the call's floating type: the rule is
// written in double, the call may be float.
// Comparisons (bool) are descended into too: `x > 0.0` on a float x must
// compare with 0.0f, or float code promotes to double.
ExprRef retype(const ExprRef& e, const Type& to) {
  if (to.kind == TypeKind::Double) return e;
  auto copy = std::make_shared<Expr>(*e);
  if (copy->type.kind == TypeKind::Double) {
    copy->type = to;
    if (copy->op == Op::Const) copy->text = formatLiteral(copy->number, to.kind);
  }
  for (auto& a : copy->args) a = retype(a, to);
  return copy;
}

class ReverseBuilder {
 public:
  ReverseBuilder(const Function& fn, const Activity& act, const ReverseEnv& env)
      : src_(fn), act_(act), env_(env) {}

  std::optional<Function> build() {
    out_ = src_;
    out_.kind = FunctionKind::Pullback;
    out_.body.clear();
    adjoint_.assign(src_.vars.size(), kNoVar);
    Block body = src_.body;
    if (!markOverwrites(src_, body, env_.diags)) return std::nullopt;
    forEachStmt(body, [&](const Stmt& s) {
      if (s.index && s.overwrites) overwrittenArrays_.insert(s.dst);
    });

    bool isVoid = src_.result == kNoVar;
    if (!isVoid) {
      Var seed;
      seed.name = "d_ret";
      seed.type = src_.returnType;
      seed.role = VarRole::Seed;
      seedVar_ = out_.addVar(seed);
      out_.params.push_back(seedVar_);
    }

    // Adjoint pointers, in signature order: one per differentiated input (a
    // gradient, accumulated) and one per output (a seed, read then zeroed).
    std::vector<std::pair<VarId, VarId>> finalAdds;  // (out pointer, local adjoint)
    for (VarId p : src_.params) {
      const Var& pv = src_.var(p);
      bool wrt = std::count(src_.wrt.begin(), src_.wrt.end(), p) > 0;
      if (!wrt && !(pv.isOutput && pv.type.isFloating())) continue;
      Var v;
      v.name = "d_" + pv.name;
      v.type = pv.type;
      v.role = VarRole::AdjointOut;
      v.primal = p;
      v.isPointer = pv.isPointer;
      VarId out = out_.addVar(v);
      out_.params.push_back(out);
      // A scalar parameter the body overwrites needs a local adjoint (it is
      // reset at the overwrite); the caller's accumulator gets the total.
      bool local = !pv.isPointer && overwritten(p);
      adjoint_[static_cast<size_t>(p)] = local ? localAdjoint(p) : out;
      if (local) finalAdds.push_back({out, adjoint_[static_cast<size_t>(p)]});
    }

    Block forward, reverse;
    int endOrigin = body.empty() ? -1 : body.back().origin;
    if (!isVoid) {
      assert(!body.empty() && body.back().kind == StmtKind::Return);
      body.pop_back();
    }
    sweep(body, forward, reverse);
    if (failed_) return std::nullopt;

    out_.body = std::move(forward);
    if (!isVoid && act_.active(src_.result)) {
      Stmt seedStmt = assign(adjointOf(src_.result), out_.ref(seedVar_), endOrigin);
      seedStmt.reverse = true;
      out_.body.push_back(seedStmt);
    }
    for (auto& st : reverse) out_.body.push_back(std::move(st));
    for (auto [out, local] : finalAdds) {
      Stmt st = accumulate(out, out_.ref(local), endOrigin);
      st.reverse = true;
      out_.body.push_back(st);
    }
    return std::move(out_);
  }

 private:
  bool overwritten(VarId v) const {
    bool found = false;
    forEachStmt(src_.body, [&](const Stmt& s) { found = found || (s.kind == StmtKind::Assign && s.dst == v); });
    return found;
  }

  VarId localAdjoint(VarId v) {
    Var a;
    a.name = "d_" + src_.var(v).name;
    a.type = src_.var(v).type;
    a.role = VarRole::Adjoint;
    a.primal = v;
    a.arraySize = src_.var(v).arraySize;
    a.loop = src_.var(v).loop;
    return out_.addVar(a);
  }

  VarId adjointOf(VarId v) {
    VarId& a = adjoint_[static_cast<size_t>(v)];
    if (a == kNoVar) a = localAdjoint(v);
    return a;
  }

  VarId newVar(const std::string& name, const Type& type, VarRole role) {
    Var v;
    v.name = name;
    v.type = type;
    v.role = role;
    v.loop = loops_.empty() ? -1 : loops_.back().id;  // values kept within one iteration
    return out_.addVar(v);
  }

  // The reverse loop gets its own copies of the loop's variables, so each
  // loop declares (and the compiler keeps in registers) its own.
  void renameLocals(Block& block, const std::set<int>& inner) {
    std::vector<ExprRef> byVar(out_.vars.size());
    std::vector<VarId> to(out_.vars.size(), kNoVar);
    for (size_t v = 0; v < byVar.size(); ++v) {
      if (!inner.count(out_.vars[v].loop)) continue;
      Var copy = out_.vars[v];
      to[v] = out_.addVar(copy);
      byVar[v] = varRef(to[v], copy.type);
    }
    auto re = [&](VarId v) { return v != kNoVar && to[static_cast<size_t>(v)] != kNoVar ? to[static_cast<size_t>(v)] : v; };
    std::function<void(Block&)> walk = [&](Block& b) {
      for (Stmt& st : b) {
        st.dst = re(st.dst);
        if (st.value) st.value = substitute(st.value, byVar);
        if (st.index) st.index = substitute(st.index, byVar);
        for (auto& a : st.args) a = substitute(a, byVar);
        for (auto& o : st.outs) o = re(o);
        walk(st.thenBlock);
        walk(st.elseBlock);
      }
    };
    walk(block);
  }

  // Builds the forward copy of `block` into `fwd` and its reverse into `rev`.
  void sweep(const Block& block, Block& fwd, Block& rev) {
    std::vector<Block> parts;
    for (const Stmt& s : block) {
      Block r;
      switch (s.kind) {
        case StmtKind::Assign:
        case StmtKind::Accumulate:
          if (s.index && s.overwrites) {
            sweepElementOverwrite(s, fwd, r);
            break;
          }
          if (s.index) {
            // The element keeps this value to the end (analyses/Overwrites):
            // nothing is saved.
            fwd.push_back(s);
            reverseElementWrite(s, r);
            break;
          }
          sweepScalarAssign(s, fwd, r);
          break;
        case StmtKind::If: {
          Stmt f = s;
          f.thenBlock.clear();
          f.elseBlock.clear();
          Stmt b = f;
          b.reverse = true;
          sweep(s.thenBlock, f.thenBlock, b.thenBlock);
          sweep(s.elseBlock, f.elseBlock, b.elseBlock);
          fwd.push_back(std::move(f));
          if (!b.thenBlock.empty() || !b.elseBlock.empty()) r.push_back(std::move(b));
          break;
        }
        case StmtKind::For:
          sweepLoop(s, fwd, r);
          break;
        case StmtKind::Return:  // abandon: the forward sweep gives up before any adjoint is written
          fwd.push_back(s);
          break;
        case StmtKind::PullbackCall:
          assert(false && "lowered bodies hold no pullback calls");
      }
      parts.push_back(std::move(r));
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
      for (auto& s : *it) rev.push_back(std::move(s));
  }

  void sweepScalarAssign(const Stmt& s, Block& fwd, Block& r) {
    VarId saved = kNoVar;
    if (s.overwrites) {
      // Keep the value this assignment destroys; cleanup drops the copy if
      // the reverse sweep never reads it.
      saved = newVar(src_.var(s.dst).name + "_old", src_.var(s.dst).type, VarRole::Saved);
      fwd.push_back(assign(saved, out_.ref(s.dst), s.origin));
    }
    fwd.push_back(s);
    reverseAssign(s, saved, r);
  }

  // a[i] = v:  d_v += d_a[i]; d_a[i] = 0.   a[i] += v:  d_v += d_a[i].
  void reverseElementWrite(const Stmt& s, Block& r) {
    VarId a = s.dst;
    if (!act_.active(a)) return;
    VarId da = adjointOf(a);
    ExprRef seed = load(da, s.index, out_.var(da).type);
    const ExprRef& v = s.value;
    if (v->op == Op::Var && act_.active(v->var)) {
      emit(r, accumulate(adjointOf(v->var), seed, s.origin));
    } else {
      requirePassive(v, s);
    }
    if (s.kind == StmtKind::Assign) {
      Stmt zero = assign(da, constant(0, out_.var(da).type, formatLiteral(0, out_.var(da).type.kind)), s.origin);
      zero.index = s.index;
      emit(r, std::move(zero));
    }
  }

  // a[i] = v destroys an element the reverse sweep reads again: keep the
  // old value (per iteration in a loop) and put it back when undoing the write.
  void sweepElementOverwrite(const Stmt& s, Block& fwd, Block& r) {
    const Var a = out_.var(s.dst);  // a copy: newVar grows the table
    ExprRef old;
    if (loops_.empty()) {
      VarId saved = newVar(a.name + "_old", a.type, VarRole::Saved);
      fwd.push_back(assign(saved, load(s.dst, s.index, a.type), s.origin));
      old = out_.ref(saved);
    } else {
      auto [slot, size, count] = tapeSlot();
      VarId tape = newVar(a.name + "_tape", a.type, VarRole::Saved);
      out_.var(tape).arraySize = size < 0 ? kRuntimeSize : size;
      if (size < 0) out_.runtimeTapes.push_back({tape, count});
      out_.var(tape).loop = -1;
      out_.var(tape).origin = loops_.back().origin;
      out_.var(tape).primal = s.dst;
      Stmt store = assign(tape, load(s.dst, s.index, a.type), s.origin);
      store.index = slot;
      fwd.push_back(store);
      elementTapes_.insert(tape);
      old = load(tape, slot, a.type);
    }
    fwd.push_back(s);
    reverseElementWrite(s, r);
    Stmt restore = assign(s.dst, old, s.origin);
    restore.index = s.index;
    emit(r, std::move(restore));
    oldElement_[&s] = old;
  }

  // Puts back, last first, every element an iteration of `block` overwrote,
  // so the reverse iteration recomputes from the iteration's starting values.
  Block undo(const Block& block) const {
    Block out;
    for (auto it = block.rbegin(); it != block.rend(); ++it) {
      if (it->index && it->overwrites) {
        Stmt u = assign(it->dst, oldElement_.at(&*it), it->origin);
        u.index = it->index;
        u.reverse = u.recompute = true;
        out.push_back(std::move(u));
      } else if (it->kind == StmtKind::For) {
        // (analyses/Overwrites rejects overwrites under an `if` in a loop)
        Stmt u = *it;
        u.thenBlock = undo(it->thenBlock);
        u.descending = u.reverse = u.recompute = true;
        if (!u.thenBlock.empty()) out.push_back(std::move(u));
      }
    }
    return out;
  }

  struct LoopFrame {
    int id;
    int origin;
    VarId counter;
    ExprRef lo, step;
    long trip;        // -1 when known only at run time
    ExprRef tripExpr; // the trip count as an expression, never negative
  };

  static std::optional<long> constantValue(const ExprRef& e) {
    if (e->op == Op::Const || (e->op == Op::Global && e->knownValue)) return static_cast<long>(e->number);
    if (e->args.size() != 2 || (e->op != Op::Add && e->op != Op::Sub && e->op != Op::Mul)) return std::nullopt;
    auto a = constantValue(e->args[0]), b = constantValue(e->args[1]);
    if (!a || !b) return std::nullopt;
    return e->op == Op::Add ? *a + *b : e->op == Op::Sub ? *a - *b : *a * *b;
  }

  // The iteration's slot in a tape: the iteration number, row-major over the
  // enclosing loops. Also the tape length (-1 when not known before running).
  struct Slot {
    ExprRef index;  // this iteration's slot
    long size;      // slots in all, -1 when known only at run time
    ExprRef count;  // slots in all, as an expression
  };

  Slot tapeSlot() const {
    Type intType = Type::integer("int");
    ExprRef slot, count;
    long size = 1;
    for (const LoopFrame& f : loops_) {
      ExprRef k = out_.ref(f.counter);
      if (!(f.lo->op == Op::Const && f.lo->number == 0)) k = binary(Op::Sub, k, f.lo, intType);
      if (!(f.step->op == Op::Const && f.step->number == 1)) k = binary(Op::Div, k, f.step, intType);
      slot = slot ? binary(Op::Add, binary(Op::Mul, slot, f.tripExpr, intType), k, intType) : k;
      count = count ? binary(Op::Mul, count, f.tripExpr, intType) : f.tripExpr;
      size = (size < 0 || f.trip < 0) ? -1 : size * f.trip;
    }
    return {slot, size, count};
  }

  // max(0, ceil((hi - lo) / step)) as an expression.
  static ExprRef tripCount(const ExprRef& lo, const ExprRef& hi, const ExprRef& step, long trip) {
    Type t = lo->type;
    if (trip >= 0) return constant(static_cast<double>(trip), t, std::to_string(trip));
    bool zero = lo->op == Op::Const && lo->number == 0, unit = step->op == Op::Const && step->number == 1;
    ExprRef span = zero ? hi : binary(Op::Sub, hi, lo, t);
    if (!unit) span = binary(Op::Div, binary(Op::Add, span, binary(Op::Sub, step, constant(1, t, "1"), t), t), step, t);
    return select(binary(Op::Gt, hi, lo, Type::boolean()), span, constant(0, t, "0"));
  }

  // The variables assigned in `body` that live outside the loop.
  static std::set<int> loopsWithin(const Stmt& loop) {
    std::set<int> inner = {loop.loopId};
    forEachStmt(loop.thenBlock, [&](const Stmt& st) {
      if (st.kind == StmtKind::For) inner.insert(st.loopId);
    });
    return inner;
  }

  std::vector<VarId> carriedBy(const Stmt& loop) const {
    std::set<int> inner = loopsWithin(loop);
    std::vector<VarId> carried;
    forEachStmt(loop.thenBlock, [&](const Stmt& st) {
      if (st.kind != StmtKind::Assign || st.index || inner.count(out_.var(st.dst).loop)) return;
      if (!std::count(carried.begin(), carried.end(), st.dst)) carried.push_back(st.dst);
    });
    return carried;
  }

  // The overwrites in a loop body whose new values the recomputed iteration
  // reads again: a read of the array later in the body, or a read of another
  // element in the overwrite's own loop (a later trip may read it). The
  // others need not be replayed: the reverse sweep restores their elements
  // before anything reads them.
  static std::set<const Stmt*> replayedOverwrites(const Block& body) {
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
          forEachExpr(e, [&](const Expr& x) {
            if (x.op == Op::Load) reads[x.var].push_back({&st, x.args[0], here, loops});
          });
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
          if (later || (sameLoop && !sameExpr(r.index, w.index))) out.insert(w.stmt);
        }
    return out;
  }

  // The forward body again, for the reverse iteration to read its values:
  // element writes are left out (their values are still in place).
  Block recompute(const Block& body, const Function& fn, const std::set<int>& inner) const {
    return recompute(body, fn, inner, replayedOverwrites(body));
  }

  Block recompute(const Block& body, const Function& fn, const std::set<int>& inner,
                  const std::set<const Stmt*>& replayed) const {
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
    for (const Stmt& st : body) {
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
      if (st.index && elementTapes_.count(st.dst)) continue;
      if (st.kind == StmtKind::Return) continue;  // the forward sweep already checked
      if (st.kind == StmtKind::Assign && !st.index && stored.count(st.dst)) {
        Stmt c = assign(st.dst, stored[st.dst], st.origin);
        c.reverse = true;
        c.recompute = true;
        out.push_back(std::move(c));
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

  // Forward: the loop, taping what it carries at each iteration's start.
  // Reverse: the loop backwards; each iteration restores what it carried,
  // recomputes its own values, then runs its statements' reverse.
  void sweepLoop(const Stmt& loop, Block& fwd, Block& r) {
    auto lo = loop.args[0], hi = loop.args[1], step = loop.args[2];
    auto clo = constantValue(lo), chi = constantValue(hi), cstep = constantValue(step);
    long trip = clo && chi && cstep ? std::max(0L, (*chi - *clo + *cstep - 1) / *cstep) : -1;
    loops_.push_back({loop.loopId, loop.origin, loop.dst, lo, step, trip, tripCount(lo, hi, step, trip)});
    auto [slot, size, count] = tapeSlot();

    Block tapeStores, restores;
    for (VarId v : carriedBy(loop)) {
      VarId tape = newVar(src_.var(v).name + "_tape", src_.var(v).type, VarRole::Saved);
      out_.var(tape).primal = v;
      out_.var(tape).arraySize = size < 0 ? kRuntimeSize : size;
      if (size < 0) out_.runtimeTapes.push_back({tape, count});
      out_.var(tape).loop = -1;
      out_.var(tape).origin = loop.origin;
      Stmt store = assign(tape, out_.ref(v), loop.origin);
      store.index = slot;
      tapeStores.push_back(store);
      Stmt restore = assign(v, load(tape, slot, src_.var(v).type), loop.origin);
      restore.reverse = true;
      restore.recompute = true;
      restores.push_back(restore);
    }
    Block body, rbody;
    sweep(loop.thenBlock, body, rbody);

    // An inner loop that only computes this iteration's own values (a dot
    // product feeding an activation) is not run again in the reverse sweep:
    // its results are kept, one per iteration, and read back instead.
    Block fwdBody;
    for (auto& st : body) {
      fwdBody.push_back(st);
      if (st.kind != StmtKind::For) continue;
      std::vector<VarId> results = carriedBy(st);
      bool ownValues = !results.empty() && std::all_of(results.begin(), results.end(), [&](VarId v) {
        return out_.var(v).loop == loop.loopId && !out_.var(v).isArray();
      });
      // (Not a loop that overwrites elements: recomputing replays those writes.)
      forEachStmt(st.thenBlock, [&](const Stmt& w) { ownValues = ownValues && !(w.index && w.overwrites); });
      // Only storage of a size fixed now (an automatic array, bounded); with
      // a run-time trip count, recomputing needs no caller buffer.
      constexpr long kMaxKeptBytes = 64 * 1024;
      bool fixedSize = size >= 0 && size * 8 * static_cast<long>(results.size()) <= kMaxKeptBytes;
      if (!ownValues || !fixedSize) continue;
      Block loads;
      for (VarId v : results) {
        const Var result = out_.var(v);  // a copy: newVar grows the table
        VarId kept = newVar(result.name + "_kept", result.type, VarRole::Saved);
        out_.var(kept).arraySize = size;
        out_.var(kept).loop = -1;  // shared by the forward and the reverse loop
        out_.var(kept).origin = loop.origin;
        out_.var(kept).primal = v;
        Stmt store = assign(kept, out_.ref(v), st.origin);
        store.index = slot;
        fwdBody.push_back(store);
        Stmt load = assign(v, ir::load(kept, slot, result.type), st.origin);
        load.reverse = true;
        load.recompute = true;
        loads.push_back(load);
      }
      checkpoints_[st.loopId] = loads;
    }
    loops_.pop_back();

    Stmt f = loop;
    f.thenBlock = tapeStores;
    for (auto& st : fwdBody) f.thenBlock.push_back(st);
    if (!rbody.empty()) {
      Stmt b = loop;
      b.reverse = true;
      b.descending = true;  // (recomputed inner loops keep running forwards: same rounding, same branches)
      b.thenBlock = restores;
      for (auto& st : undo(loop.thenBlock)) b.thenBlock.push_back(std::move(st));
      for (auto& st : recompute(body, out_, loopsWithin(loop))) b.thenBlock.push_back(std::move(st));
      for (auto& st : rbody) b.thenBlock.push_back(std::move(st));
      Block reversed = {std::move(b)};
      renameLocals(reversed, loopsWithin(loop));  // the counter too
      r.push_back(std::move(reversed[0]));
    }
    fwd.push_back(std::move(f));
  }

  void emit(Block& r, Stmt s) {
    s.reverse = true;
    r.push_back(std::move(s));
  }

  void reverseAssign(const Stmt& s, VarId saved, Block& r) {
    VarId v = s.dst;
    // The reverse sweep must see the value each use saw: undo the overwrite.
    if (saved != kNoVar) emit(r, assign(v, out_.ref(saved), s.origin));
    if (!act_.active(v)) return;
    const Expr& e = *s.value;
    if (e.op == Op::Var && e.var == v) return;  // `t = +t`: no change, the adjoint passes through
    VarId dv = adjointOf(v);
    switch (e.op) {
      case Op::Var:
        if (e.var != v && act_.active(e.var)) emit(r, accumulate(adjointOf(e.var), out_.ref(dv), s.origin));
        break;
      case Op::Cast:
        // d/dx (T)x = 1, in the operand's type.
        if (e.args[0]->op == Op::Var && act_.active(e.args[0]->var))
          emit(r, accumulate(adjointOf(e.args[0]->var), cast(out_.ref(dv), e.args[0]->type, false), s.origin));
        break;
      case Op::Const:
      case Op::Global:
        break;
      case Op::Load:
        // t = a[i]:  d_a[i] += d_t
        if (act_.active(e.var)) {
          Stmt st = accumulate(adjointOf(e.var), out_.ref(dv), s.origin);
          st.index = e.args[0];
          emit(r, std::move(st));
        }
        break;
      case Op::Call:
        if (e.callee->function >= 0)
          pullbackCall(s, dv, r);
        else
          applyRule(*e.callee->rule, s, dv, r);
        break;
      default: {
        const char* key = operatorKey(e.op, e.args.size());
        const Rule* rule = key ? env_.rules.find(key, e.args.size()) : nullptr;
        assert(rule && "lowering only makes operators that have rules");
        applyRule(*rule, s, dv, r);
      }
    }
    // The value before an overwrite is a different value: its adjoint starts
    // from zero.
    if (s.overwrites) emit(r, assign(dv, constant(0, out_.var(dv).type, formatLiteral(0, out_.var(dv).type.kind)), s.origin));
  }

  // Inlines a rule: its parameters become the call's operands, its result
  // the assigned variable, its seed the adjoint, its adjoint pointers the
  // operands' adjoints (dropped for inactive operands).
  void applyRule(const Rule& rule, const Stmt& s, VarId dv, Block& r) {
    const Expr& e = *s.value;
    const Function& body = rule.body;
    std::vector<ExprRef> byVar(body.vars.size());
    std::vector<VarId> target(body.vars.size(), kNoVar);
    for (size_t k = 0; k < rule.arity(); ++k) {
      byVar[static_cast<size_t>(rule.primalParams[k])] = e.args[k];
      const ExprRef& arg = e.args[k];
      if (arg->op == Op::Var && act_.active(arg->var))
        target[static_cast<size_t>(rule.adjointParams[k])] = adjointOf(arg->var);
      else
        requirePassive(arg, s);
    }
    if (rule.resultParam != kNoVar) byVar[static_cast<size_t>(rule.resultParam)] = out_.ref(s.dst);
    byVar[static_cast<size_t>(rule.seedParam)] = out_.ref(dv);
    // Rule locals become fresh temporaries of the call's type.
    for (size_t i = 0; i < body.vars.size(); ++i) {
      VarRole role = body.vars[i].role;
      if (role == VarRole::Temp || role == VarRole::Local) {
        Type t = body.vars[i].type.kind == TypeKind::Double ? e.type : body.vars[i].type;
        byVar[i] = out_.ref(newVar(body.vars[i].name, t, VarRole::Temp));
      }
    }
    instantiate(body.body, byVar, target, e.type, s.origin, r);
  }

  void instantiate(const Block& ruleBlock, const std::vector<ExprRef>& byVar, const std::vector<VarId>& target,
                   const Type& type, int origin, Block& r) {
    for (const Stmt& rs : ruleBlock) {
      if (rs.kind == StmtKind::If) {
        Stmt st;
        st.kind = StmtKind::If;
        st.origin = origin;
        st.reverse = true;
        st.value = substitute(retype(rs.value, type), byVar);
        instantiate(rs.thenBlock, byVar, target, type, origin, st.thenBlock);
        instantiate(rs.elseBlock, byVar, target, type, origin, st.elseBlock);
        r.push_back(std::move(st));
        continue;
      }
      ExprRef value = substitute(retype(rs.value, type), byVar);
      if (rs.kind == StmtKind::Accumulate) {
        VarId t = target[static_cast<size_t>(rs.dst)];
        if (t == kNoVar) continue;  // inactive operand
        if (out_.var(t).type != value->type) value = cast(value, out_.var(t).type, false);
        emit(r, accumulate(t, value, origin));
      } else {
        emit(r, assign(byVar[static_cast<size_t>(rs.dst)]->var, value, origin));
      }
    }
  }

  // Lowering gives every active operand its own variable; an operand that is
  // not a variable must be constant here, or its adjoint would be lost.
  void requirePassive(const ExprRef& arg, const Stmt& s) {
    std::vector<VarId> deps;
    differentiableReads(arg, deps);
    for (VarId d : deps) {
      if (!act_.active(d)) continue;
      const auto* origin = static_cast<const clang::Stmt*>(src_.origins[static_cast<size_t>(s.origin)].clangStmt);
      env_.diags.report(origin->getBeginLoc(), Diag::Internal, {"an active operand is not a variable"});
      failed_ = true;
      return;
    }
  }

  // A call to another marked function: its pullback does the work.
  void pullbackCall(const Stmt& s, VarId dv, Block& r) {
    const Expr& e = *s.value;
    const Function& callee = env_.functions.at(static_cast<size_t>(e.callee->function));
    Stmt call;
    call.kind = StmtKind::PullbackCall;
    call.callee = e.callee;
    call.args = e.args;
    call.args.push_back(out_.ref(dv));
    call.origin = s.origin;
    for (size_t k = 0; k < e.args.size(); ++k) {
      const ExprRef& arg = e.args[k];
      bool wrt = std::find(callee.wrt.begin(), callee.wrt.end(), callee.params[k]) != callee.wrt.end();
      bool active = arg->op == Op::Var && act_.active(arg->var);
      if (!active) requirePassive(arg, s);
      if (active && !wrt) {
        const auto* origin = static_cast<const clang::Stmt*>(src_.origins[static_cast<size_t>(s.origin)].clangStmt);
        env_.diags.report(origin->getBeginLoc(), Diag::CalleeNotWrt, {callee.name, callee.var(callee.params[k]).name});
        failed_ = true;
        return;
      }
      if (!wrt) continue;
      if (active) {
        call.outs.push_back(adjointOf(arg->var));
      } else {
        // The callee wants an adjoint for an input that is constant here.
        VarId unused = newVar("d_unused", callee.var(callee.params[k]).type, VarRole::Adjoint);
        call.outs.push_back(unused);
      }
    }
    emit(r, std::move(call));
  }

  const Function& src_;
  const Activity& act_;
  const ReverseEnv& env_;
  Function out_;
  VarId seedVar_ = kNoVar;
  std::vector<VarId> adjoint_;
  std::vector<LoopFrame> loops_;
  std::map<int, Block> checkpoints_;  // inner loop id -> what replaces it when recomputing
  std::set<VarId> overwrittenArrays_;  // arrays with elements saved before an overwrite
  std::set<VarId> elementTapes_;       // where loops keep those elements
  std::map<const Stmt*, ExprRef> oldElement_;  // overwrite -> where its old element is kept
  bool failed_ = false;
};

void replaceVar(Block& block, VarId v, const ExprRef& with) {
  std::vector<ExprRef> byVar(static_cast<size_t>(v) + 1);
  byVar[static_cast<size_t>(v)] = with;
  for (Stmt& s : block) {
    if (s.value) s.value = substitute(s.value, byVar);
    for (auto& a : s.args) a = substitute(a, byVar);
    replaceVar(s.thenBlock, v, with);
    replaceVar(s.elseBlock, v, with);
  }
}

}  // namespace

std::optional<Function> buildPullback(const Function& fn, const Activity& activity, const ReverseEnv& env) {
  return ReverseBuilder(fn, activity, env).build();
}

Function gradFromPullback(const Function& pullback) {
  Function g = pullback;
  g.kind = FunctionKind::Grad;
  auto seed = std::find_if(g.params.begin(), g.params.end(),
                           [&](VarId id) { return g.var(id).role == VarRole::Seed; });
  assert(seed != g.params.end());
  VarId seedVar = *seed;
  g.params.erase(seed);
  replaceVar(g.body, seedVar, constant(1, g.returnType, formatLiteral(1, g.returnType.kind)));
  Stmt ret;
  ret.kind = StmtKind::Return;
  ret.value = g.ref(g.result);
  g.body.push_back(ret);
  return g;
}

Function primalOf(const Function& fn) {
  Function p = fn;
  p.kind = FunctionKind::Primal;
  p.wrt.clear();
  return p;
}

}  // namespace gradc
