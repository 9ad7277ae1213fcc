// Running maxima and minima: `for (i) if (x[i] > m) m = x[i];`, and the same
// written `m = std::max(m, v)` or `m = c ? v : m`. Taping m at every
// iteration (n values, a work buffer for a run-time n) is what a generic
// carried loop needs; here only the last iteration that took the branch
// passes an adjoint on (every earlier one's value of m is replaced, its
// adjoint is zero), so the forward loop notes that iteration's index (`m_at`,
// one int) and the reverse sweep runs that one iteration's reverse:
//   if (m_at >= 0) { int i = m_at; <the iteration's values>; d_x[i] += d_m; d_m = 0; }
// With no such iteration, d_m flows on to m's value before the loop. The
// iteration's values may come from inner loops (k-means: the distance to
// centre j), which then run once in the reverse sweep, not once per iteration.
#include "reverse/Builder.h"

#include <algorithm>

namespace gradc::reversal {

namespace {

// Values of this iteration: scalar assignments, and inner loops of them;
// nothing stored.
bool iterationValues(const Block& b) {
  return std::all_of(b.begin(), b.end(), [](const Stmt& s) {
    if (s.kind == StmtKind::For) return iterationValues(s.thenBlock);
    return s.kind == StmtKind::Assign && !s.index;
  });
}

bool isVar(const ExprRef& e, VarId v) { return e && e->op == Op::Var && e->var == v; }

size_t readsIn(const Block& b, VarId v) {
  size_t n = 0;
  forEachStmt(b, [&](const Stmt& s) {
    n += (s.value && reads(s.value, v)) + (s.index && reads(s.index, v));
    for (const ExprRef& a : s.args) n += reads(a, v);
  });
  return n;
}

// The update as a branch `if (cond) m = v;`, from the loop body's last
// statements. `used`: how many statements it takes (0: not an update).
struct Update {
  ExprRef cond, value;
  int origin = -1;
  size_t used = 0;
};

Update updateOf(const Block& body, VarId m, const Function& fn) {
  const Stmt& last = body.back();
  if (last.kind == StmtKind::If) {
    if (!last.elseBlock.empty() || last.thenBlock.empty() || !iterationValues(last.thenBlock) ||
        std::any_of(last.thenBlock.begin(), last.thenBlock.end(), [](const Stmt& s) { return s.kind == StmtKind::For; }) ||
        last.thenBlock.back().dst != m)
      return {};
    return {last.value, nullptr, last.origin, 1};
  }
  // `t = std::min(m, v)`, or `if (c) t = v; else t = m;` (`c ? v : m`), then
  // `m = t` (lowering's forms); t read by nothing else.
  if (body.size() < 2 || last.kind != StmtKind::Assign || last.index || last.dst != m) return {};
  const Stmt& def = body[body.size() - 2];
  if (!last.value || last.value->op != Op::Var || readsIn(body, last.value->var) != 1) return {};
  const Type boolean = Type::boolean();
  if (def.kind == StmtKind::If) {
    const VarId t = last.value->var;
    auto only = [&](const Block& b) -> const Stmt* {
      return b.size() == 1 && b[0].kind == StmtKind::Assign && !b[0].index && b[0].dst == t ? &b[0] : nullptr;
    };
    const Stmt *a = only(def.thenBlock), *b = only(def.elseBlock);
    if (!a || !b || !fn.var(t).type.isFloating()) return {};
    if (isVar(b->value, m) && !reads(a->value, m)) return {def.value, a->value, def.origin, 2};
    if (isVar(a->value, m) && !reads(b->value, m)) return {unary(Op::Not, def.value, boolean), b->value, def.origin, 2};
    return {};
  }
  if (def.kind != StmtKind::Assign || def.index || !isVar(last.value, def.dst) ||
      fn.var(def.dst).role != VarRole::Temp || !def.value->type.isFloating())
    return {};
  const Expr& e = *def.value;
  ExprRef mref = varRef(m, fn.var(m).type);
  if (e.op == Op::Select) {
    // c ? v : m  ->  if (c) m = v;   c ? m : v  ->  if (!c) m = v.
    if (isVar(e.args[2], m) && !isVar(e.args[1], m)) return {e.args[0], e.args[1], def.origin, 2};
    if (isVar(e.args[1], m) && !isVar(e.args[2], m))
      return {unary(Op::Not, e.args[0], boolean), e.args[2], def.origin, 2};
    return {};
  }
  if (e.op != Op::Call || e.args.size() != 2) return {};
  std::string name = e.callee->spelling;
  name = name.substr(name.rfind(':') == std::string::npos ? 0 : name.rfind(':') + 1);
  const bool isMax = name == "max", isMin = name == "min";
  const bool mFirst = isVar(e.args[0], m);
  if ((!isMax && !isMin) || mFirst == isVar(e.args[1], m)) return {};
  // std::max(a, b) is (a < b) ? b : a; std::min(a, b) is (b < a) ? b : a
  // (ties and NaN included: the branch takes what the call returns).
  const ExprRef v = mFirst ? e.args[1] : e.args[0];
  ExprRef cond;
  if (isMax) cond = mFirst ? binary(Op::Lt, mref, v, boolean) : unary(Op::Not, binary(Op::Lt, v, mref, boolean), boolean);
  else cond = mFirst ? binary(Op::Lt, v, mref, boolean) : unary(Op::Not, binary(Op::Lt, mref, v, boolean), boolean);
  return {cond, v, def.origin, 2};
}

}  // namespace

bool ReverseBuilder::sweepRunningExtremum(const Stmt& loop, Block& fwd, Block& r) {
  const Block& src = loop.thenBlock;
  std::vector<VarId> carried = carriedBy(loop);
  if (carried.size() != 1 || !act_.active(carried[0]) || src.empty()) return false;
  const VarId m = carried[0];
  const Update u = updateOf(src, m, out_);
  if (!u.used) return false;
  // The body as `<values>; if (cond) { ...; m = v; }`.
  Block body(src.begin(), src.end() - static_cast<long>(u.used));
  if (!iterationValues(body)) return false;
  if (u.value) {
    Stmt branch;
    branch.kind = StmtKind::If;
    branch.value = u.cond;
    branch.origin = u.origin;
    Stmt take = assign(m, u.value, src.back().origin);
    take.overwrites = true;
    branch.thenBlock.push_back(std::move(take));
    body.push_back(std::move(branch));
  } else {
    body.push_back(src.back());
  }
  const Stmt& update = body.back();
  // m written once, as the branch's last statement; read nowhere after it.
  size_t writes = 0;
  forEachStmt(body, [&](const Stmt& s) { writes += s.dst == m ? 1 : 0; });
  if (writes != 1) return false;
  // m's old value reaches nothing but the branch's condition, directly or
  // through a bool only it reads: the reverse sweep replays the iteration
  // with m's final value. (`if (k != 1) y = 0.5 * std::sin(y) + x[k];`
  // carries an adjoint through every iteration: fuzz seed 1009, f8.)
  std::vector<VarId> flags;
  bool readElsewhere = false;
  forEachStmt(body, [&](const Stmt& s) {
    if (&s == &update) return;
    bool flag = s.kind == StmtKind::Assign && !s.index && out_.var(s.dst).type.kind == TypeKind::Bool;
    if (s.value && reads(s.value, m)) {
      if (flag) flags.push_back(s.dst);
      else readElsewhere = true;
    }
    if (s.index && reads(s.index, m)) readElsewhere = true;
    for (const ExprRef& a : s.args) readElsewhere = readElsewhere || reads(a, m);
  });
  forEachStmt(body, [&](const Stmt& s) {
    if (&s == &update) return;
    for (VarId f : flags) {
      if (s.value && reads(s.value, f)) readElsewhere = true;
      if (s.index && reads(s.index, f)) readElsewhere = true;
    }
  });
  if (readElsewhere) return false;

  const int enclosing = loops_.empty() ? -1 : loops_.back().id;
  auto lo = loop.args[0], hi = loop.args[1], step = loop.args[2];
  loops_.push_back({loop.loopId, loop.origin, loop.dst, lo, step, -1, tripCount(lo, hi, step, -1)});
  Block fbody, rbody;
  sweep(body, fbody, rbody);
  loops_.pop_back();

  const Type counterType = out_.var(loop.dst).type;
  VarId at = newVar(src_.var(m).name + "_at", counterType, VarRole::Saved);
  out_.var(at).loop = enclosing;
  out_.var(at).origin = loop.origin;
  fwd.push_back(assign(at, constant(-1, counterType, "-1"), loop.origin));
  Stmt f = loop;
  f.thenBlock = fbody;
  Stmt note = assign(at, out_.ref(loop.dst), update.thenBlock.back().origin);
  note.overwrites = true;
  f.thenBlock.back().thenBlock.push_back(note);
  fwd.push_back(std::move(f));
  if (rbody.empty()) return true;

  // The reverse of that one iteration: its values again (not the update,
  // m already holds its result), then its statements' reverse with the
  // branch taken.
  Stmt b;
  b.kind = StmtKind::If;
  b.value = binary(Op::Ge, out_.ref(at), constant(0, counterType, "0"), Type::boolean());
  b.origin = loop.origin;
  b.reverse = true;
  Stmt counter = assign(loop.dst, out_.ref(at), loop.origin);
  counter.reverse = counter.recompute = true;
  b.thenBlock.push_back(counter);
  Block replay(fbody.begin(), fbody.end() - 1);
  // and the values the update computes in its branch, which that iteration
  // took (`if (e > m) m = std::sin(y + 0.5 * i);` computes y + 0.5 * i there)
  if (fbody.back().kind == StmtKind::If)
    for (const Stmt& st : fbody.back().thenBlock)
      if (st.dst != m) replay.push_back(st);
  for (Stmt& st : recompute(replay, out_, loopsWithin(loop))) b.thenBlock.push_back(std::move(st));
  for (Stmt& st : rbody) {
    if (st.kind == StmtKind::If && sameExpr(st.value, update.value))
      for (Stmt& t : st.thenBlock) b.thenBlock.push_back(std::move(t));
    else
      b.thenBlock.push_back(std::move(st));
  }
  Block reversed = {std::move(b)};
  const VarId first = static_cast<VarId>(out_.vars.size());
  renameLocals(reversed, loopsWithin(loop));
  // The iteration's own variables now live in the enclosing block; an inner
  // loop's stay its own (its adjoints start afresh each trip).
  for (VarId v = first; v < static_cast<VarId>(out_.vars.size()); ++v)
    if (out_.var(v).loop == loop.loopId) out_.var(v).loop = enclosing;
  r.push_back(std::move(reversed[0]));
  return true;
}

}  // namespace gradc::reversal
